import './whole-batches.js';
import mongoose, { Schema } from 'mongoose';

/** Values the app generates once and keeps (e.g. the link-signing secret when none is configured). */
const settingSchema = new Schema({
  key: { type: String, required: true, unique: true },
  value: { type: String, required: true },
});

export const Setting = mongoose.model('Setting', settingSchema);
