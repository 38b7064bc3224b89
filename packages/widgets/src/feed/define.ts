import { defineElement } from '../internal/define.ts';
import '../poll/define.ts';
import { PlazaComposer } from './composer.ts';
import { PlazaFeed } from './feed.ts';
import { PlazaPollComposer } from './poll-composer.ts';
import { PlazaPost } from './post.ts';

defineElement('plaza-poll-composer', PlazaPollComposer);
defineElement('plaza-composer', PlazaComposer);
defineElement('plaza-post', PlazaPost);
defineElement('plaza-feed', PlazaFeed);

declare global {
  interface HTMLElementTagNameMap {
    'plaza-feed': PlazaFeed;
    'plaza-post': PlazaPost;
    'plaza-composer': PlazaComposer;
    'plaza-poll-composer': PlazaPollComposer;
  }
}
