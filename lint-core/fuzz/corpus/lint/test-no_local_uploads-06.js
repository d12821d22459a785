const fs = require('fs');
const os = require('os');
app.post('/convert', async (req, res) => {
  const tmp = os.tmpdir() + '/in.pdf';
  await fs.promises.writeFile(tmp, req.body);
  res.send(await convert(tmp));
  await fs.promises.unlink(tmp);
});