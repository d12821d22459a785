// The same mistakes hide just as well in TypeScript.
import express, { Request, Response } from 'express';
import session from 'express-session';
import multer from 'multer';

interface Visit {
  path: string;
  at: Date;
}

const app = express();
const upload = multer({ dest: '/tmp/reports' });

app.use(session({ secret: process.env.SESSION_SECRET ?? 'dev', resave: false, saveUninitialized: false }));

const recentVisits: Visit[] = [];

app.use((req: Request, _res: Response, next) => {
  recentVisits.push({ path: req.path, at: new Date() });
  next();
});

app.post('/reports', upload.single('report'), (req: Request, res: Response) => {
  res.json({ stored: req.file?.path, visitsSoFar: recentVisits.length });
});

app.listen(Number(process.env.PORT ?? 3000));
