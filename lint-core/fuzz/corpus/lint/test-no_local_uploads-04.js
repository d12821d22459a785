const busboy = require('busboy');
const fs = require('fs');
app.post('/upload', (req, res) => {
  const bb = busboy({ headers: req.headers });
  bb.on('file', (name, file, info) => {
    file.pipe(fs.createWriteStream(`uploads/${info.filename}`));
  });
  bb.on('close', () => res.end());
  req.pipe(bb);
});