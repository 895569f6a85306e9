# SAMP Standard Profile: lock file, XML-RPC, client, callback server, embedded hub.
target_sources(xsky_core PRIVATE
  samp/XmlRpc.h samp/XmlRpc.cpp
  samp/LockFile.h samp/LockFile.cpp
  samp/HttpClient.h samp/HttpClient.cpp
  samp/UrlFetch.h samp/UrlFetch.cpp
  samp/XmlRpcServer.h samp/XmlRpcServer.cpp
  samp/SampMessage.h samp/SampMessage.cpp
  samp/SpectrumMessage.h samp/SpectrumMessage.cpp
  samp/MessageDispatch.h samp/MessageDispatch.cpp
  samp/ClientList.h samp/ClientList.cpp
  samp/ClientCallback.h samp/ClientCallback.cpp
  samp/HubProxy.h samp/HubProxy.cpp
  samp/SampClient.h samp/SampClient.cpp
  samp/HubCore.h samp/HubCore.cpp
  samp/SampHub.h samp/SampHub.cpp
  samp/HubConnector.h samp/HubConnector.cpp)
