import type { TProject } from '@hub/contracts';
import type { BoundFact, RegistryProvenance, Sourced, SourceState, Text, UntrustedRecord } from './common';
import type { CatalogEntryFact, ExchangeStatsFact, ExchangeSystemFact } from './data-exchange';
import type { CloudResourceFact, CloudTenantFact } from './gov-cloud';
import type { FilingFact } from './mlps';
import type { HubApplicationFact, MobileServiceFact, YwtbSystemFact } from './service-platforms';
import type { VideoDeviceFact, VideoPlatformFact } from './video';

export * from './common';
export * from './data-exchange';
export * from './gov-cloud';
export * from './mlps';
export * from './service-platforms';
export * from './video';

/**
 * The records of one project, per upstream system, as canonical facts: the typed view the rules
 * read. The groups and lists that exist at run time are the ones the connectors' record kinds fill
 * (`emptyRecords()` of `@hub/connectors`); a group is added here with the first rule that reads it. A `BoundFact` says how it
 * came to belong to the project (code / confirmed / suggested); records that belong through a parent
 * (catalogue entries and exchange statistics through their system, video devices through their
 * cascaded platform) carry their parent's binding.
 */
export interface ProjectRecords {
  cloud: {
    resources: BoundFact<CloudResourceFact>[];
    /** the tenants holding the project's resources */
    tenants: Sourced<CloudTenantFact>[];
  };
  dataExchange: {
    systems: BoundFact<ExchangeSystemFact>[];
    catalog: BoundFact<CatalogEntryFact>[];
    stats: BoundFact<ExchangeStatsFact>[];
  };
  mlps: { filings: BoundFact<FilingFact>[] };
  video: { platforms: BoundFact<VideoPlatformFact>[]; devices: BoundFact<VideoDeviceFact>[] };
  services: {
    ywtb: BoundFact<YwtbSystemFact>[];
    ybyh: BoundFact<MobileServiceFact>[];
    brain: BoundFact<HubApplicationFact>[];
  };
}

/** Everything known about one project at one moment: the input of one pack evaluation. */
export interface ProjectFacts extends ProjectRecords {
  project: TProject;
  sources: Partial<Record<import('@hub/contracts').SourceId, SourceState>>;
  /**
   * How each source is named in the reasons (政务云资源台账 …): the titles its connector declares,
   * given by whoever assembles the facts, since the rules know no connector. A source missing here
   * is named by its id.
   */
  sourceTitles: Readonly<Record<import('@hub/contracts').SourceId, Text>>;
  /** records of the project that failed their contract's schema (see {@link UntrustedRecord}) */
  untrusted?: readonly UntrustedRecord[];
  /** the registry import the project's row came from, cited by every finding that reads it */
  registry?: RegistryProvenance | null;
}
