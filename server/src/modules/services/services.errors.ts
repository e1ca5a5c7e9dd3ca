import { defineErrorCodes } from '../../platform/errors.ts';

/** The services module's error codes (幸福365: catalogue, one-window requests, appointments). */
export const servicesErrors = defineErrorCodes('services', {
  'services.slot_full': {
    status: 409,
    description: 'Every place in the slot is taken (booked = capacity); choose another slot.',
  },
  'services.already_booked': {
    status: 409,
    description: 'The resident already holds a booking in this slot.',
  },
  'services.outside_opening_hours': {
    status: 422,
    description:
      'The slot does not lie inside one opening period of the site on that day (weekday, weekend or statutory holiday hours, extended hours included); `details.periods` lists the hours that apply.',
  },
  'services.slot_past': {
    status: 422,
    description: 'The slot has already begun; it can no longer be booked or left.',
  },
  'services.item_not_offered': {
    status: 422,
    description: 'The item is not offered at this kind of site, or is not bookable, or is no longer active.',
  },
  'services.invalid_transition': {
    status: 409,
    description:
      'The request or appointment is not in a state that allows this step; `details.status` is its current state.',
  },
  'services.no_resident_record': {
    status: 422,
    description:
      'A resident booking for themselves needs an account linked to a resident record; a worker must name the resident.',
  },
});
