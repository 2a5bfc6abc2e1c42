import { useTranslation } from 'react-i18next';
import { usePacks } from '../../api/packs';
import { pick } from './project.types';

/** A pack id as its city's name, or the id itself until the packs are known. */
export function PackLabel({ id }: { id: string }) {
  const { i18n } = useTranslation();
  const pack = usePacks().data?.find((p) => p.id === id);
  return <>{pack ? pick(pack.name, i18n.language) : id}</>;
}
