import { catalog } from './messages';

/** The retention job's texts (README ▸ Retention and the archive). */
export const retentionText = catalog({
  archiveName: { ja: '{workbook} アーカイブ {year}', en: '{workbook} archive {year}' },
});
