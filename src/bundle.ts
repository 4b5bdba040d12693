/** The script-tag bundle: defines both elements and exposes the package API as `GwsChatElements`. */
import './gws-chat.js';
import './gws-facebook-session.js';

export * from './index.js';
