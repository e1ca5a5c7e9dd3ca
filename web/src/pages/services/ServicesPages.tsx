import {
  OneWindowDesk,
  ResidentServices,
  SiteSchedulePage,
  StewardBoard,
} from '../../modules/services/index.ts';

/** `/my/services`: a resident's services on the phone. */
export function MyServicesPage() {
  return <ResidentServices />;
}

/** `/services/desk`: the one-window desk. */
export function DeskPage() {
  return <OneWindowDesk />;
}

/** `/services/schedule`: a centre's day. */
export function SchedulePage() {
  return <SiteSchedulePage />;
}

/** `/stewards`: the steward board (and a steward's own work and visits). */
export function StewardsPage() {
  return <StewardBoard />;
}
