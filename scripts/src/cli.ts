console.log('tasks: start, dev, test, backup, lint')
