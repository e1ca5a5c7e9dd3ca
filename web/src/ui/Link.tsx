import type { AnchorHTMLAttributes, ReactNode } from 'react';
import { useLinkHandler } from '../app/router.ts';

interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick'> {
  to: string;
  children: ReactNode;
}

/** An anchor that navigates without reloading the page. */
export function Link({ to, children, ...rest }: LinkProps) {
  const onClick = useLinkHandler(to);
  return (
    <a href={to} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
