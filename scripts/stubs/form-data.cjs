// axios's Node adapter imports form-data (and through it mime-db, ~190 KB) only to send multipart bodies.
// This integration sends JSON only, so the bundle gets this stand-in instead.
module.exports = class FormDataUnavailable {
  constructor() {
    throw new Error('multipart bodies are not supported by this integration');
  }
};
