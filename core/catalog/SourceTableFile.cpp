#include "catalog/SourceTableFile.h"

#include <QFile>

#include <algorithm>

#include "catalog/FitsTableReader.h"
#include "catalog/VoTableReader.h"
#include "fits/FitsError.h"

namespace xsky::catalog {

SourceTable readSourceTableFile(const QString& path, int index) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    throw Error(QStringLiteral("%1: cannot open (%2)").arg(path, f.errorString()));
  }
  const QByteArray head = f.read(4096);
  f.close();
  if (looksLikeVoTable(head)) {
    VoTableReadOptions o;
    o.tableIndex = std::max(index, 0);
    return readVoTable(path, o);
  }
  if (head.startsWith("SIMPLE  =") || head.startsWith("\x1f\x8b")) {
    FitsTableReadOptions o;
    o.hdu = index >= 0 ? index + 1 : 0;
    return readFitsTable(path, o);
  }
  throw Error(QStringLiteral("%1: neither a VOTable nor a FITS file").arg(path));
}

}  // namespace xsky::catalog
