import express, { Request, Response } from 'express';

const app = express();
const failedLogins = new Map<string, number>();

app.post('/login/failed', (req: Request, res: Response) => {
  const key = req.ip ?? 'unknown';
  failedLogins.set(key, (failedLogins.get(key) ?? 0) + 1);
  res.sendStatus(204);
});
