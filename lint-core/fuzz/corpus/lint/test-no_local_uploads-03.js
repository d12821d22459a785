const { IncomingForm } = require('formidable');
const form = new IncomingForm();