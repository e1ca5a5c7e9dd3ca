import { grantPermissions } from '../../platform/access.ts';

/** Who may read the audit log and manage accounts. */
grantPermissions({
  'audit.read': ['admin'],
  'people.write': ['admin'],
});
