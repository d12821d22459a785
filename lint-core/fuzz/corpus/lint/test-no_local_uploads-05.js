const { writeFile } = require('fs/promises');
app.post('/notes', async (req, res) => {
  await writeFile('notes.json', JSON.stringify(req.body));
  res.sendStatus(201);
});