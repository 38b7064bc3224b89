import '@plaza/widgets/define/config';
import { createComponent } from '@lit/react';
import React from 'react';
import { PlazaConfig as PlazaConfigElement } from '@plaza/widgets';
import type { PlazaComponent } from './types.ts';

/** Props of {@link PlazaConfig}. */
export type PlazaConfigProps = React.ComponentProps<typeof PlazaConfig>;

/**
 * `<plaza-config>`: API base URL, auth, locale and theme for every Plaza component inside it (it renders no
 * box of its own). Registers the element when imported. It fires no events of its own; the `plaza-*` events
 * of the widgets inside bubble through it, so listen on the widget components.
 *
 * @example
 * <PlazaConfig apiBase="https://intranet.example/plaza" locale="de" getToken={() => auth.token()}>
 *   <PlazaPoll pollId="poll-townhall" />
 * </PlazaConfig>
 */
export const PlazaConfig: PlazaComponent<
  PlazaConfigElement,
  'apiBase' | 'locale' | 'theme' | 'credentials' | 'getToken' | 'client'
> = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'plaza-config',
  elementClass: PlazaConfigElement,
  displayName: 'PlazaConfig',
});
