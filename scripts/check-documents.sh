#!/usr/bin/env bash
# pnpm check:documents — the generated documents open in LibreOffice: every DOCX converts to
# PDF and ODT headless, the result has text, the headings survive as ODT outline headings,
# and every PDF has selectable text (pdftotext). Installs LibreOffice Writer and poppler-utils
# from Debian when missing (~25 s, ~260 MB).
source "$(dirname "$0")/lib.sh"
install_deps >/dev/null

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
if [ "${#need[@]}" -gt 0 ]; then
  echo "› installing ${need[*]}"
  SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "› generating sample documents"
pnpm exec tsx --conditions=source server/test/exports/sampleDocuments.ts "$work/docs"

profile="file://$work/lo-profile"
failures=0
for docx in "$work"/docs/*.docx; do
  name="$(basename "$docx" .docx)"
  started=$(date +%s%N)
  soffice --headless "-env:UserInstallation=$profile" --convert-to pdf --outdir "$work/lo" "$docx" >/dev/null 2>&1
  soffice --headless "-env:UserInstallation=$profile" --convert-to odt --outdir "$work/lo" "$docx" >/dev/null 2>&1
  ms=$(( ($(date +%s%N) - started) / 1000000 ))
  pdf="$work/lo/$name.pdf"; odt="$work/lo/$name.odt"
  words=0; headings=0
  [ -s "$pdf" ] && words=$(pdftotext "$pdf" - | wc -w)
  [ -s "$odt" ] && headings=$(unzip -p "$odt" content.xml 2>/dev/null | grep -o '<text:h ' | wc -l)
  if [ "$words" -gt 20 ] && [ "$headings" -gt 0 ]; then
    echo "  ok   $name.docx → LibreOffice: $words words, $headings headings ($ms ms)"
  else
    echo "  FAIL $name.docx → LibreOffice: $words words, $headings headings"; failures=$((failures + 1))
  fi
done
for pdf in "$work"/docs/*.pdf; do
  words=$(pdftotext "$pdf" - 2>/dev/null | wc -w)
  if [ "$words" -gt 20 ]; then echo "  ok   $(basename "$pdf"): $words words of selectable text"
  else echo "  FAIL $(basename "$pdf"): no text"; failures=$((failures + 1)); fi
done
if [ "$failures" -gt 0 ]; then echo "$failures document(s) failed"; exit 1; fi
echo "all documents open in LibreOffice"
