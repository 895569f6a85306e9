// Fuzz target: the VOTable reader (core/catalog/VoTableReader.h), TABLEDATA, BINARY and BINARY2,
// from bytes and through a file. Every table it returns must have columns of one length.
#include "FuzzTargets.h"
#include "catalog/PositionColumns.h"
#include "catalog/VoTableReader.h"

namespace xsky::fuzz {

namespace {

void check(const catalog::SourceTable& t) {
  for (const catalog::Column& c : t.columns) {
    fuzzCheck(c.size() == t.rowCount(), "columns differ in length", c.meta.name);
    fuzzCheck(c.nullMask.empty() || c.nullMask.size() == c.size(), "a null mask has the wrong length",
              c.meta.name);
    for (size_t row = 0; row < c.size() && row < 64; ++row) (void)c.text(row);
  }
  (void)catalog::findPositionColumns(t);
}

}  // namespace

int fuzzVoTable(const uint8_t* data, size_t size) {
  const QByteArray xml = toBytes(data, size);
  (void)catalog::looksLikeVoTable(xml.left(1024));
  try {
    catalog::VoTableReadReport report;
    check(catalog::parseVoTable(xml, QStringLiteral("fuzz.vot"), {}, &report));
  } catch (const Error&) {
  }
  try {
    catalog::VoTableReadOptions second;
    second.tableIndex = 1;
    check(catalog::readVoTable(writeScratchFile(data, size, ".vot"), second));
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace xsky::fuzz
