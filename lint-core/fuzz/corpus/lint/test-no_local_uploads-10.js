const formidable = require('formidable');
app.post('/upload', (req, res) => {
  const form = formidable({ fileWriteStreamHandler: (file) => toBucket(file) });
  form.parse(req, () => res.end());
});