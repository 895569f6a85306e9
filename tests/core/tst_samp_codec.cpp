// XML-RPC codec and SAMP message conventions: round trips, faults, and refusing bad input
// (DOCTYPE / entity expansion, oversize documents, malformed XML, deep nesting).

#include <QTest>

#include "samp/MessageDispatch.h"
#include "samp/SampMessage.h"
#include "samp/XmlRpc.h"

using namespace xsky::samp;

class TestSampCodec : public QObject {
  Q_OBJECT
 private slots:
  void roundTripCall() {
    const QVariantMap msg{
        {QStringLiteral("samp.mtype"), QStringLiteral("coord.pointAt.sky")},
        {QStringLiteral("samp.params"),
         QVariantMap{{QStringLiteral("ra"), QStringLiteral("202.48")},
                     {QStringLiteral("dec"), QStringLiteral("-47.21")},
                     {QStringLiteral("note"), QStringLiteral("a <b> & \"c\" é")}}},
        {QStringLiteral("rows"), QVariantList{QStringLiteral("1"), QStringLiteral("4")}}};
    const QByteArray xml =
        encodeCall(QStringLiteral("samp.hub.notifyAll"), {QStringLiteral("key"), msg, 42});
    XmlRpcCall call;
    QString error;
    QVERIFY2(decodeCall(xml, &call, &error), qPrintable(error));
    QCOMPARE(call.method, QStringLiteral("samp.hub.notifyAll"));
    QCOMPARE(call.params.size(), 3);
    QCOMPARE(call.params[0].toString(), QStringLiteral("key"));
    QCOMPARE(call.params[1].toMap(), msg);
    QCOMPARE(call.params[2].toInt(), 42);
    QCOMPARE(call.params[2].typeId(), int(QMetaType::Int));
  }

  void decodesWhatOtherImplementationsSend() {
    // untyped <value> is a string; i4, boolean, double, nil, empty arrays and structs, comments
    const QByteArray xml =
        "<?xml version='1.0'?>\n<!-- from a peer -->\n<methodCall><methodName> "
        "samp.client.receiveCall </methodName>"
        "<params><param><value>untyped</value></param>"
        "<param><value><i4>-7</i4></value></param>"
        "<param><value><boolean>1</boolean></value></param>"
        "<param><value><double>2.5</double></value></param>"
        "<param><value><array><data/></array></value></param>"
        "<param><value><struct></struct></value></param>"
        "<param><value><string></string></value></param>"
        "<param><value></value></param>"
        "</params></methodCall>\n";
    XmlRpcCall call;
    QString error;
    QVERIFY2(decodeCall(xml, &call, &error), qPrintable(error));
    QCOMPARE(call.method, QStringLiteral("samp.client.receiveCall"));
    QCOMPARE(call.params.size(), 8);
    QCOMPARE(call.params[0].toString(), QStringLiteral("untyped"));
    QCOMPARE(call.params[1].toInt(), -7);
    QCOMPARE(call.params[2].toBool(), true);
    QCOMPARE(call.params[3].toDouble(), 2.5);
    QCOMPARE(call.params[4].toList().size(), 0);
    QCOMPARE(call.params[4].typeId(), int(QMetaType::QVariantList));
    QCOMPARE(call.params[5].typeId(), int(QMetaType::QVariantMap));
    QCOMPARE(call.params[6].toString(), QString());
    QCOMPARE(call.params[7].toString(), QString());
  }

  void neverSelfClosesElements() {
    // DS9's Tcl XML-RPC parser rejects <string/>, <struct/> and <data/>.
    const QByteArray xml = encodeCall(QString(), {QString(), QVariantMap(), QVariantList()}) +
                           encodeResponse(QString());
    QVERIFY2(!xml.contains("/>"), xml.constData());
    QVERIFY(xml.contains("<string></string>"));
  }

  void responseAndFault() {
    XmlRpcResponse r;
    QString error;
    QVERIFY2(
        decodeResponse(
            encodeResponse(QVariantMap{{QStringLiteral("samp.status"), QStringLiteral("samp.ok")}}),
            &r, &error),
        qPrintable(error));
    QVERIFY(!r.isFault);
    QCOMPARE(r.value.toMap().value(QStringLiteral("samp.status")).toString(),
             QStringLiteral("samp.ok"));
    QVERIFY2(decodeResponse(encodeFault(3, QStringLiteral("wrong key")), &r, &error),
             qPrintable(error));
    QVERIFY(r.isFault);
    QCOMPARE(r.fault.code, 3);
    QCOMPARE(r.fault.message, QStringLiteral("wrong key"));
  }

  void refusesBadInput_data() {
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<QString>("expected");
    QTest::newRow("doctype billion laughs")
        << QByteArray(
               "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 "
               "'&lol;&lol;&lol;'>]>"
               "<methodCall><methodName>&lol2;</methodName></methodCall>")
        << "DOCTYPE";
    QTest::newRow("external entity")
        << QByteArray(
               "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
               "<methodCall><methodName>m</methodName><params><param><value>&e;</value></param></"
               "params></methodCall>")
        << "DOCTYPE";
    QTest::newRow("undeclared entity")
        << QByteArray(
               "<methodCall><methodName>m</methodName><params><param><value>&e;</value></param></"
               "params></methodCall>")
        << "XML";
    QTest::newRow("malformed") << QByteArray("<methodCall><methodName>m</methodName><params>")
                               << "end";
    QTest::newRow("not xml") << QByteArray("hello") << "XML";
    QTest::newRow("empty") << QByteArray("") << "empty";
    QTest::newRow("wrong root") << QByteArray("<methodResponse/>") << "methodCall";
    QTest::newRow("bad int")
        << QByteArray(
               "<methodCall><methodName>m</methodName><params><param><value><int>x</int></value></"
               "param></params></methodCall>")
        << "int";
    QTest::newRow("unknown type")
        << QByteArray(
               "<methodCall><methodName>m</methodName><params><param><value><base64>AA==</base64></"
               "value></param></params></methodCall>")
        << "unsupported";
    QTest::newRow("trailing element")
        << QByteArray("<methodCall><methodName>m</methodName></methodCall><methodCall/>") << "XML";
    QByteArray deep = "<methodCall><methodName>m</methodName><params><param><value>";
    for (int i = 0; i < 200; ++i) deep += "<array><data><value>";
    QTest::newRow("nested too deeply") << deep << "deeply";
  }

  void refusesBadInput() {
    QFETCH(QByteArray, xml);
    QFETCH(QString, expected);
    XmlRpcCall call;
    QString error;
    QVERIFY(!decodeCall(xml, &call, &error));
    QVERIFY2(error.contains(expected, Qt::CaseInsensitive), qPrintable(error));
  }

  void refusesOversizeDocuments() {
    QByteArray big = "<methodCall><methodName>m</methodName><params><param><value><string>";
    big += QByteArray(kMaxXmlRpcBytes, 'a');
    big += "</string></value></param></params></methodCall>";
    XmlRpcCall call;
    QString error;
    QVERIFY(!decodeCall(big, &call, &error));
    QVERIFY2(error.contains(QStringLiteral("limit")), qPrintable(error));
    XmlRpcResponse response;
    QVERIFY(!decodeResponse(big, &response, &error));
  }

  void mtypeWildcards() {
    QVERIFY(mtypeMatches(QStringLiteral("*"), QStringLiteral("table.load.votable")));
    QVERIFY(mtypeMatches(QStringLiteral("table.*"), QStringLiteral("table.load.votable")));
    QVERIFY(mtypeMatches(QStringLiteral("table.load.*"), QStringLiteral("table.load.fits")));
    QVERIFY(
        mtypeMatches(QStringLiteral("table.load.votable"), QStringLiteral("table.load.votable")));
    QVERIFY(!mtypeMatches(QStringLiteral("table.load.votable"), QStringLiteral("table.load.fits")));
    QVERIFY(!mtypeMatches(QStringLiteral("image.*"), QStringLiteral("table.load.fits")));
    QVERIFY(!mtypeMatches(QStringLiteral("tab*"), QStringLiteral("table.load.fits")));
  }

  void responsesAndParameters() {
    const SampResponse e = SampResponse::error(QStringLiteral("missing parameter: url"));
    const QVariantMap m = e.toMap();
    QCOMPARE(m.value(QStringLiteral("samp.status")).toString(), QStringLiteral("samp.error"));
    QCOMPARE(m.value(QStringLiteral("samp.error"))
                 .toMap()
                 .value(QStringLiteral("samp.errortxt"))
                 .toString(),
             QStringLiteral("missing parameter: url"));
    QCOMPARE(SampResponse::fromMap(m).errorText, e.errorText);
    QVERIFY(SampResponse::fromMap(
                SampResponse::ok({{QStringLiteral("x"), QStringLiteral("1")}}).toMap())
                .isOk());

    const QVariantMap params{{QStringLiteral("ra"), QStringLiteral("202.48")},
                             {QStringLiteral("dec"), QStringLiteral("north")}};
    QCOMPARE(
        missingParams(params, {QStringLiteral("ra"), QStringLiteral("url")}).value_or(QString()),
        QStringLiteral("missing parameter: url"));
    QVERIFY(!missingParams(params, {QStringLiteral("ra")}));
    QString error;
    QCOMPARE(floatParam(params, QStringLiteral("ra"), &error).value_or(0), 202.48);
    QVERIFY(!floatParam(params, QStringLiteral("dec"), &error));
    QCOMPARE(error, QStringLiteral("parameter dec is not a number: 'north'"));
    QCOMPARE(sampFloat(202.48), QStringLiteral("202.48"));
  }

  void dispatchPicksHandlerAndExplainsFailures() {
    MessageDispatch d;
    d.addSync(QStringLiteral("coord.pointAt.sky"), [](const IncomingMessage& m) {
      QString error;
      const auto ra = floatParam(m.message.params, QStringLiteral("ra"), &error);
      return ra ? SampResponse::ok() : SampResponse::error(error);
    });
    d.addSync(QStringLiteral("table.*"), [](const IncomingMessage&) {
      return SampResponse::ok({{QStringLiteral("w"), QStringLiteral("1")}});
    });
    d.addSync(QStringLiteral("table.load.votable"), [](const IncomingMessage&) -> SampResponse {
      throw std::runtime_error("bad table");
    });
    QCOMPARE(d.subscriptions().size(), 3);
    SampResponse got;
    const auto reply = [&](const SampResponse& r) { got = r; };
    d.dispatch(
        {QStringLiteral("c1"), QStringLiteral("m1"), {QStringLiteral("coord.pointAt.sky"), {}, {}}},
        reply);
    QCOMPARE(got.errorText, QStringLiteral("missing parameter: ra"));
    d.dispatch({QStringLiteral("c1"),
                QStringLiteral("m2"),
                {QStringLiteral("table.highlight.row"), {}, {}}},
               reply);
    QVERIFY(got.isOk());
    d.dispatch({QStringLiteral("c1"),
                QStringLiteral("m3"),
                {QStringLiteral("table.load.votable"), {}, {}}},
               reply);
    QCOMPARE(got.errorText, QStringLiteral("table.load.votable failed: bad table"));
    d.dispatch(
        {QStringLiteral("c1"), QStringLiteral("m4"), {QStringLiteral("image.load.fits"), {}, {}}},
        reply);
    QCOMPARE(got.errorText, QStringLiteral("XSky does not handle image.load.fits"));
  }
};

QTEST_GUILESS_MAIN(TestSampCodec)
#include "tst_samp_codec.moc"
