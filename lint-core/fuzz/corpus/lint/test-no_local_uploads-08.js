import multer from 'multer';
import { GridFsStorage } from 'multer-gridfs-storage';
const storage = new GridFsStorage({ url: process.env.MONGO_URL });
export const upload = multer({ storage });