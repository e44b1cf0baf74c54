import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../components/Announcer';
import { ExportError } from './exportsApi';

export interface ExportRunner {
  /** True while an action runs (buttons are disabled meanwhile). */
  readonly busy: boolean;
  /** The last action's outcome, for a status line. */
  readonly status: string;
  /** Runs an action; its message (or the failure) becomes the status and is announced. */
  run(action: () => Promise<string | null>): Promise<void>;
  /** Runs an authenticated download that resolves to the saved file's name. */
  download(fetchFile: () => Promise<string>): Promise<void>;
}

/** The shared busy/status/announce handling of the export buttons and downloads. */
export function useExportRunner(): ExportRunner {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');

  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setStatus(t('exports.working'));
    try {
      const message = await action();
      setStatus(message ?? '');
      if (message) announce(message);
    } catch (error) {
      const message = t('exports.failed', {
        message:
          error instanceof ExportError || error instanceof Error ? error.message : String(error),
      });
      setStatus(message);
      announce(message);
    } finally {
      setBusy(false);
    }
  };

  const download = (fetchFile: () => Promise<string>) =>
    run(async () => {
      const name = await fetchFile();
      return t('exports.downloaded', { name });
    });

  return { busy, status, run, download };
}
