const multer = require('multer');
const base = { dest: 'uploads/' };
const upload = multer({ ...base, limits: { files: 1 } });