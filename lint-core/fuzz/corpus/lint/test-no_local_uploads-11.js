const { diskStorage } = require('./storage');
const storage = diskStorage({ destination: 'uploads/' });