const multer = require('multer');
/* 上传 */ const upload = multer({ dest: '📁uploads/' });