// A document scanner's API. express-fileupload parks every upload in a temp folder on
// this machine's disk, and the handler then moves it into scans/, beside the code.
const path = require('node:path');
const express = require('express');
const fileUpload = require('express-fileupload');

const app = express();
app.use(fileUpload({ useTempFiles: true, tempFileDir: path.join(__dirname, 'tmp') }));

app.post('/scans', async (req, res) => {
  const scan = req.files && req.files.scan;
  if (!scan) return res.status(400).json({ error: 'Send the file in the "scan" field.' });
  const name = `${Date.now()}-${scan.name}`;
  await scan.mv(path.join(__dirname, 'scans', name));
  res.status(201).json({ key: `scans/${name}` });
});

app.listen(process.env.PORT || 3000);
