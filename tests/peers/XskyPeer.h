#pragma once
// XSky's side in the peer tests: a SampClient with handlers that act on what arrives the way the
// application will (fetch the table URL, read the position) and record it for the test.

#include <QList>
#include <QObject>
#include <QVariantMap>

#include "samp/SampClient.h"

namespace xsky::peers {

struct ReceivedTable {
  QString url, tableId, sender;
  QByteArray content;
};
struct ReceivedPosition {
  double ra = 0, dec = 0;
  QString sender;
};

class XskyPeer {
 public:
  XskyPeer();
  samp::SampClient client;
  QList<ReceivedTable> tables;
  QList<ReceivedPosition> positions;
};

}  // namespace xsky::peers
