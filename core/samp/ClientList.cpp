#include "samp/ClientList.h"

#include "samp/SampMessage.h"

namespace xsky::samp {

bool ClientInfo::subscribes(const QString& mtype) const {
  for (auto it = subscriptions.begin(); it != subscriptions.end(); ++it) {
    if (mtypeMatches(it.key(), mtype)) return true;
  }
  return false;
}

void ClientList::add(const QString& id) {
  if (!clients_.contains(id)) clients_.insert(id, ClientInfo{id, {}, {}});
}

void ClientList::setMetadata(const QString& id, const QVariantMap& metadata) {
  add(id);
  clients_[id].metadata = metadata;
}

void ClientList::setSubscriptions(const QString& id, const QVariantMap& subscriptions) {
  add(id);
  clients_[id].subscriptions = subscriptions;
}

bool ClientList::applyHubEvent(const QString& mtype, const QVariantMap& params) {
  const QString id = params.value(QStringLiteral("id")).toString();
  if (id.isEmpty()) return false;
  if (mtype == QLatin1String("samp.hub.event.register")) {
    add(id);
  } else if (mtype == QLatin1String("samp.hub.event.unregister")) {
    remove(id);
  } else if (mtype == QLatin1String("samp.hub.event.metadata")) {
    setMetadata(id, params.value(QStringLiteral("metadata")).toMap());
  } else if (mtype == QLatin1String("samp.hub.event.subscriptions")) {
    setSubscriptions(id, params.value(QStringLiteral("subscriptions")).toMap());
  } else {
    return false;
  }
  return true;
}

const ClientInfo* ClientList::find(const QString& id) const {
  auto it = clients_.constFind(id);
  return it == clients_.constEnd() ? nullptr : &*it;
}

const ClientInfo* ClientList::findByName(const QString& name) const {
  for (const ClientInfo& c : clients_) {
    if (c.name().compare(name, Qt::CaseInsensitive) == 0) return &c;
  }
  for (const ClientInfo& c : clients_) {
    if (c.name().contains(name, Qt::CaseInsensitive)) return &c;
  }
  return nullptr;
}

QList<ClientInfo> ClientList::subscribedTo(const QString& mtype, const QString& exceptId) const {
  QList<ClientInfo> list;
  for (const ClientInfo& c : clients_) {
    if (c.id != exceptId && c.subscribes(mtype)) list << c;
  }
  return list;
}

}  // namespace xsky::samp
