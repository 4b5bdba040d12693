// The elements and ChatSession from the source, against the simulator on faye.
import '../../src/gws-chat.js';
import '../../src/gws-facebook-session.js';
import { ChatSession } from '../../src/session/chat-session.js';
import { fayeSuite } from './faye-suite.js';

fayeSuite({ basePath: '/faye/api/v2', chatSession: () => ChatSession });
