import QRCode from 'qrcode';

/**
 * A QR code for a link, as an SVG data URL (sharp when projected or printed, no canvas).
 * Error correction M: readable from a projected wall or a phone screen held at arm's length.
 */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
