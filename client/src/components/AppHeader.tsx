import { Header, HeaderContent, HeaderRightZone, Headers } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { useLinkHandler } from '../app/router';
import { LanguageSwitcher } from './LanguageSwitcher';

/**
 * Bootstrap Italia's header, as PA sites have it: a slim header (what the tool is for, the
 * language) over a small centre header (the brand, back to the home page).
 */
export function AppHeader() {
  const { t } = useTranslation();
  const onHome = useLinkHandler('/');
  return (
    <Headers role="banner" className="app-header">
      <Header type="slim">
        <HeaderContent>
          <p className="app-header__owner">{t('app.owner')}</p>
          <HeaderRightZone>
            <LanguageSwitcher />
          </HeaderRightZone>
        </HeaderContent>
      </Header>
      <Header type="center" small>
        <HeaderContent>
          <div className="it-brand-wrapper">
            <a href="/" onClick={onHome}>
              <img className="app-header__logo" src="/favicon.svg" alt="" width="40" height="40" />
              <div className="it-brand-text">
                <div className="it-brand-title">{t('app.name')}</div>
                <div className="it-brand-tagline">{t('app.tagline')}</div>
              </div>
            </a>
          </div>
        </HeaderContent>
      </Header>
    </Headers>
  );
}
