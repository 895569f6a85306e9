#pragma once
// The live list of clients registered with the hub: each one's metadata and subscriptions, kept
// current from the samp.hub.event.register/unregister/metadata/subscriptions notifications.

#include <QList>
#include <QMap>
#include <QString>
#include <QVariantMap>

namespace xsky::samp {

struct ClientInfo {
  QString id;            // the hub's public id for the client
  QVariantMap metadata;  // samp.name, samp.description.text, samp.icon.url, ...
  QVariantMap subscriptions;

  QString name() const { return metadata.value(QStringLiteral("samp.name")).toString(); }
  bool subscribes(const QString& mtype) const;
};

class ClientList {
 public:
  void clear() { clients_.clear(); }
  void setClient(const ClientInfo& client) { clients_.insert(client.id, client); }
  void add(const QString& id);
  void remove(const QString& id) { clients_.remove(id); }
  void setMetadata(const QString& id, const QVariantMap& metadata);
  void setSubscriptions(const QString& id, const QVariantMap& subscriptions);

  /// Applies a samp.hub.event.* message; returns true when the list changed.
  bool applyHubEvent(const QString& mtype, const QVariantMap& params);

  QList<ClientInfo> all() const { return clients_.values(); }
  const ClientInfo* find(const QString& id) const;
  /// The first client whose samp.name equals `name` (case-insensitive), else one containing it.
  const ClientInfo* findByName(const QString& name) const;
  /// The clients subscribed to `mtype` (for "Send to" menus), excluding `exceptId`.
  QList<ClientInfo> subscribedTo(const QString& mtype, const QString& exceptId = {}) const;
  int size() const { return int(clients_.size()); }

 private:
  QMap<QString, ClientInfo> clients_;
};

}  // namespace xsky::samp
