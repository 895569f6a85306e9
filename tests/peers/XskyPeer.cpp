#include "XskyPeer.h"

#include "samp/UrlFetch.h"

namespace xsky::peers {

using namespace xsky::samp;

XskyPeer::XskyPeer() {
  ClientMetadata meta;
  meta.name = QStringLiteral("XSky");
  meta.description = QStringLiteral("XSky peer test");
  meta.iconUrl = QStringLiteral("https://example.org/xsky.png");
  meta.documentationUrl = QStringLiteral("https://example.org/xsky/docs");
  meta.extra.insert(QStringLiteral("xsky.version"), QStringLiteral("test"));
  client.setMetadata(meta);
  client.dispatch().addSync(QStringLiteral("table.load.votable"), [this](const IncomingMessage& m) {
    if (auto missing = missingParams(m.message.params, {QStringLiteral("url")}))
      return SampResponse::error(*missing);
    ReceivedTable t{m.message.params.value(QStringLiteral("url")).toString(),
                    m.message.params.value(QStringLiteral("table-id")).toString(),
                    m.senderId,
                    {}};
    QString error;
    if (!fetchUrl(t.url, &t.content, &error, 100 << 20, 20000)) return SampResponse::error(error);
    if (!t.content.contains("VOTABLE"))
      return SampResponse::error(QStringLiteral("%1 is not a VOTable").arg(t.url));
    tables << t;
    return SampResponse::ok();
  });
  client.dispatch().addSync(QStringLiteral("coord.pointAt.sky"), [this](const IncomingMessage& m) {
    QString error;
    const auto ra = floatParam(m.message.params, QStringLiteral("ra"), &error);
    const auto dec =
        ra ? floatParam(m.message.params, QStringLiteral("dec"), &error) : std::nullopt;
    if (!ra || !dec) return SampResponse::error(error);
    positions << ReceivedPosition{*ra, *dec, m.senderId};
    return SampResponse::ok();
  });
}

}  // namespace xsky::peers
