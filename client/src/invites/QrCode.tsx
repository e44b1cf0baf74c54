import { useEffect, useState } from 'react';
import { qrDataUrl } from './qr';

/** The QR code of a link, as an image whose alternative text says what it opens. */
export function QrCode({
  text,
  label,
  size = 176,
}: {
  text: string;
  label: string;
  size?: number;
}) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    qrDataUrl(text).then(
      (url) => {
        if (live) setSrc(url);
      },
      () => {
        if (live) setSrc(null);
      },
    );
    return () => {
      live = false;
    };
  }, [text]);
  if (src === null)
    return <span className="qr qr--pending" style={{ width: size, height: size }} />;
  return <img className="qr" src={src} alt={label} width={size} height={size} data-testid="qr" />;
}
