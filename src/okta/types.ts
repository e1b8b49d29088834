// Shapes of the Okta Management API objects this integration reads and writes.
// Only the fields we use are typed precisely; Okta adds fields over time, so every object stays open.

export type UserStatus =
  | 'STAGED'
  | 'PROVISIONED'
  | 'ACTIVE'
  | 'RECOVERY'
  | 'LOCKED_OUT'
  | 'PASSWORD_EXPIRED'
  | 'SUSPENDED'
  | 'DEPROVISIONED';

export type LifecycleOperation =
  | 'activate'
  | 'reactivate'
  | 'deactivate'
  | 'suspend'
  | 'unsuspend'
  | 'unlock'
  | 'reset_password'
  | 'expire_password'
  | 'expire_password_with_temp_password'
  | 'reset_factors';

export interface Link {
  href: string;
  hints?: { allow?: string[] };
  [key: string]: unknown;
}

export type Links = Record<string, Link | Link[] | undefined>;

export interface UserProfile {
  login: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  [attribute: string]: unknown;
}

export type ProviderType = 'OKTA' | 'ACTIVE_DIRECTORY' | 'LDAP' | 'FEDERATION' | 'SOCIAL' | 'IMPORT';

export interface UserCredentials {
  password?: { value?: string } | Record<string, never>;
  recovery_question?: { question?: string; answer?: string };
  provider?: { type: ProviderType; name?: string };
  [key: string]: unknown;
}

export interface OktaUser {
  id: string;
  status: UserStatus;
  created: string;
  activated: string | null;
  statusChanged: string | null;
  lastLogin: string | null;
  lastUpdated: string;
  passwordChanged: string | null;
  transitioningToStatus?: string;
  type?: { id: string };
  profile: UserProfile;
  credentials?: UserCredentials;
  _links?: Links;
  [key: string]: unknown;
}

/** Body of POST /api/v1/users (create). */
export interface CreateUserBody {
  profile: Partial<UserProfile> & { login: string };
  credentials?: UserCredentials;
  groupIds?: string[];
  type?: { id: string };
}

/** Body of POST /api/v1/users/{id} (partial update). */
export interface UpdateUserBody {
  profile?: Partial<UserProfile>;
  credentials?: UserCredentials;
}

export type GroupType = 'OKTA_GROUP' | 'APP_GROUP' | 'BUILT_IN';

export interface OktaGroup {
  id: string;
  created: string;
  lastUpdated: string;
  lastMembershipUpdated: string;
  objectClass: string[];
  type: GroupType;
  profile: { name: string; description?: string | null; [attribute: string]: unknown };
  _links?: Links;
  [key: string]: unknown;
}

export type FactorResult = 'WAITING' | 'SUCCESS' | 'REJECTED' | 'TIMEOUT' | 'CHALLENGE';

export interface OktaFactor {
  id: string;
  factorType: string;
  provider: string;
  vendorName?: string;
  status: string;
  created?: string;
  lastUpdated?: string;
  profile?: Record<string, unknown>;
  _links?: Links;
  [key: string]: unknown;
}

/** Response of a factor verify call and of polling a push transaction. */
export interface FactorTransaction {
  factorResult: FactorResult;
  expiresAt?: string;
  profile?: Record<string, unknown>;
  _links?: Links;
  [key: string]: unknown;
}

export interface LogActor {
  id: string;
  type: string;
  alternateId?: string | null;
  displayName?: string | null;
  detailEntry?: unknown;
}

export interface GeographicalContext {
  city?: string | null;
  state?: string | null;
  country?: string | null;
  postalCode?: string | number | null;
  geolocation?: { lat?: number | null; lon?: number | null } | null;
}

export interface LogEvent {
  uuid: string;
  published: string;
  eventType: string;
  version?: string;
  severity?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | string;
  legacyEventType?: string | null;
  displayMessage?: string | null;
  actor?: LogActor | null;
  client?: {
    userAgent?: { rawUserAgent?: string | null; os?: string | null; browser?: string | null } | null;
    zone?: string | null;
    device?: string | null;
    id?: string | null;
    ipAddress?: string | null;
    geographicalContext?: GeographicalContext | null;
  } | null;
  outcome?: { result?: string | null; reason?: string | null } | null;
  request?: { ipChain?: Array<{ ip?: string | null; geographicalContext?: GeographicalContext | null; version?: string | null; source?: string | null }> | null } | null;
  target?: Array<{ id: string; type: string; alternateId?: string | null; displayName?: string | null; detailEntry?: unknown }> | null;
  [key: string]: unknown;
}

/** The JSON body of every Okta error response. */
export interface OktaErrorBody {
  errorCode: string;
  errorSummary: string;
  errorLink?: string;
  errorId?: string;
  errorCauses?: Array<{ errorSummary: string; [key: string]: unknown }>;
}
