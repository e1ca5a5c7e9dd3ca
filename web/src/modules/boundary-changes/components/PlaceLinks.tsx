import type { PlaceRef } from '#contracts';
import { placeHref } from '../../../app/router.ts';
import { Link } from '../../../ui/Link.tsx';

/** Places as links that open them on the territory map. */
export function PlaceLinks({ places }: { places: PlaceRef[] }) {
  return (
    <span className="jz-place-links">
      {places.map((place) => (
        <Link key={place.id} to={placeHref(place.id)} className="jz-place-link" title={place.code}>
          {place.name}
          <span className="jz-code"> {place.code.slice(-6)}</span>
        </Link>
      ))}
    </span>
  );
}
