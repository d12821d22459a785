const express = require('express');
const busboy = require('busboy');
const fs = require('fs');
const path = require('path');

const app = express();

app.post('/videos', (req, res) => {
  const bb = busboy({ headers: req.headers });
  bb.on('file', (name, stream, info) => {
    stream.pipe(fs.createWriteStream(path.join('/var/videos', info.filename)));
  });
  bb.on('close', () => res.sendStatus(201));
  req.pipe(bb);
});
