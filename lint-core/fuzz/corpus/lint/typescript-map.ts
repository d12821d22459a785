import express from "express";
const app = express();
const seen: Map<string, number> = new Map();
app.get("/:id", (req, res) => {
  seen.set(req.params.id, (seen.get(req.params.id) ?? 0) + 1);
  res.json({ n: seen.get(req.params.id) as number });
});
