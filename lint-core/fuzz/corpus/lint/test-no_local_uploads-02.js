import multer, { diskStorage } from 'multer';
const storage = diskStorage({ destination: './storage/receipts' });
export const upload = multer({ storage });