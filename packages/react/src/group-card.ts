import '@plaza/widgets/define/group-card';
import { createComponent, type EventName } from '@lit/react';
import React from 'react';
import {
  PlazaGroupCard as PlazaGroupCardElement,
  type PlazaBeforeLeaveEvent,
  type PlazaJoinEvent,
  type PlazaLeaveEvent,
  type PlazaRequestEvent,
} from '@plaza/widgets';
import type { PlazaComponent } from './types.ts';

/** The `plaza-*` events of `<plaza-group-card>`, by React prop. */
export const groupCardEvents = {
  /** After the viewer joined an open group. */
  onPlazaJoin: 'plaza-join' as EventName<PlazaJoinEvent>,
  /** After the viewer asked to join (`action` `sent`) or withdrew the request (`cancelled`). */
  onPlazaRequest: 'plaza-request' as EventName<PlazaRequestEvent>,
  /** After the viewer confirmed leaving, before it is sent; `preventDefault()` keeps them in the group. */
  onPlazaBeforeLeave: 'plaza-before-leave' as EventName<PlazaBeforeLeaveEvent>,
  /** After the viewer left the group. */
  onPlazaLeave: 'plaza-leave' as EventName<PlazaLeaveEvent>,
};

/** Props of {@link PlazaGroupCard}. */
export type PlazaGroupCardProps = React.ComponentProps<typeof PlazaGroupCard>;

/**
 * `<plaza-group-card>`: a group with join, request, leave, members and admins. Registers the element when
 * imported.
 *
 * @example
 * <PlazaGroupCard groupId="grp-it-help" layout="compact" hrefTemplate="/groups/{id}" />
 */
export const PlazaGroupCard: PlazaComponent<
  PlazaGroupCardElement,
  'groupId' | 'layout' | 'hrefTemplate' | 'topContributors',
  typeof groupCardEvents
> = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'plaza-group-card',
  elementClass: PlazaGroupCardElement,
  events: groupCardEvents,
  displayName: 'PlazaGroupCard',
});
