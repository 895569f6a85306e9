#include "regions/Ds9Syntax.h"

#include <QSet>

namespace xsky::regions::ds9 {

namespace {

bool isBlank(QChar c) { return c == QLatin1Char(' ') || c == QLatin1Char('\t'); }

// A quote character opens a string only at the start of a value.
bool opensQuote(const QString& text, qsizetype i) {
  const QChar c = text[i];
  if (c != QLatin1Char('"') && c != QLatin1Char('\'')) return false;
  if (i == 0) return true;
  const QChar p = text[i - 1];
  return p == QLatin1Char('=') || p == QLatin1Char('(') || p == QLatin1Char(',') || isBlank(p);
}

bool isIdentChar(QChar c) {
  return c.isLetterOrNumber() || c == QLatin1Char('_');
}

bool isInteger(const QString& w) {
  bool ok = false;
  w.toInt(&ok);
  return ok;
}

}  // namespace

qsizetype skipGroup(const QString& text, qsizetype i) {
  const QChar open = text[i];
  QChar close = open;
  if (open == QLatin1Char('{')) close = QLatin1Char('}');
  if (open == QLatin1Char('(')) close = QLatin1Char(')');
  const qsizetype end = text.indexOf(close, i + 1);
  return end < 0 ? text.size() : end + 1;
}

std::vector<Statement> splitStatements(const QString& text) {
  std::vector<Statement> out;
  QString current;
  int line = 1, startLine = 1;
  bool inBrace = false;
  QChar quote;
  int parens = 0;
  auto flush = [&]() {
    const QString t = current.trimmed();
    if (!t.isEmpty()) out.push_back({startLine, t});
    current.clear();
    startLine = line;
  };
  for (qsizetype i = 0; i < text.size(); ++i) {
    const QChar c = text[i];
    if (c == QLatin1Char('\n')) {
      flush();
      ++line;
      startLine = line;
      inBrace = false;
      quote = QChar();
      parens = 0;
      continue;
    }
    if (c == QLatin1Char('\r')) continue;
    if (!quote.isNull()) {
      if (c == quote) quote = QChar();
    } else if (inBrace) {
      if (c == QLatin1Char('}')) inBrace = false;
    } else if (c == QLatin1Char('{')) {
      inBrace = true;
    } else if (opensQuote(text, i)) {
      quote = c;
    } else if (c == QLatin1Char('(')) {
      ++parens;
    } else if (c == QLatin1Char(')')) {
      parens = std::max(0, parens - 1);
    } else if (c == QLatin1Char(';') && parens == 0) {
      flush();
      continue;
    }
    if (current.isEmpty()) startLine = line;
    current += c;
  }
  flush();
  return out;
}

QStringList tokenizeArguments(const QString& text) {
  QStringList out;
  QString current;
  for (qsizetype i = 0; i < text.size(); ++i) {
    const QChar c = text[i];
    if (c == QLatin1Char(',') || isBlank(c)) {
      if (!current.isEmpty()) out << current;
      current.clear();
      continue;
    }
    if (c == QLatin1Char('{') || opensQuote(text, i)) {
      const qsizetype end = skipGroup(text, i);
      current += text.mid(i, end - i);
      i = end - 1;
      continue;
    }
    current += c;
  }
  if (!current.isEmpty()) out << current;
  return out;
}

QString unquote(const QString& token) {
  if (token.size() >= 1) {
    const QChar f = token.front();
    if (f == QLatin1Char('{') || f == QLatin1Char('"') || f == QLatin1Char('\'')) {
      const QChar close = f == QLatin1Char('{') ? QLatin1Char('}') : f;
      QString inner = token.mid(1);
      if (inner.endsWith(close)) inner.chop(1);
      return inner;
    }
  }
  return token;
}

std::vector<Property> scanProperties(const QString& text) {
  static const QSet<QString> rulerWords = {
      QStringLiteral("image"),   QStringLiteral("physical"), QStringLiteral("detector"),
      QStringLiteral("amplifier"), QStringLiteral("wcs"),    QStringLiteral("fk4"),
      QStringLiteral("fk5"),     QStringLiteral("icrs"),     QStringLiteral("galactic"),
      QStringLiteral("ecliptic"), QStringLiteral("b1950"),   QStringLiteral("j2000"),
      QStringLiteral("degrees"), QStringLiteral("arcmin"),   QStringLiteral("arcsec"),
      QStringLiteral("linear")};
  std::vector<Property> out;
  const qsizetype n = text.size();
  qsizetype i = 0;
  auto skipBlanks = [&]() {
    while (i < n && isBlank(text[i])) ++i;
  };
  // Next word or group; empty at the end.
  auto peekWord = [&](qsizetype from, qsizetype* end) {
    qsizetype j = from;
    while (j < n && isBlank(text[j])) ++j;
    if (j >= n) {
      *end = j;
      return QString();
    }
    const QChar c = text[j];
    qsizetype k = j;
    if (c == QLatin1Char('{') || c == QLatin1Char('"') || c == QLatin1Char('\'') ||
        c == QLatin1Char('(')) {
      k = skipGroup(text, j);
    } else {
      while (k < n && !isBlank(text[k])) ++k;
    }
    *end = k;
    return text.mid(j, k - j);
  };
  auto takeWord = [&]() {
    qsizetype end = i;
    const QString w = peekWord(i, &end);
    i = end;
    return w;
  };

  while (true) {
    skipBlanks();
    if (i >= n) break;
    // key=value ?
    qsizetype j = i;
    while (j < n && isIdentChar(text[j])) ++j;
    qsizetype k = j;
    while (k < n && isBlank(text[k])) ++k;
    if (j > i && k < n && text[k] == QLatin1Char('=')) {
      Property p;
      p.key = text.mid(i, j - i).toLower();
      i = k + 1;
      const QString& key = p.key;
      if (key == QLatin1String("dashlist") || key == QLatin1String("line")) {
        for (int w = 0; w < 2; ++w) {
          qsizetype end;
          const QString word = peekWord(i, &end);
          if (!isInteger(word)) break;
          p.values << word;
          i = end;
        }
      } else if (key == QLatin1String("point")) {
        p.values << takeWord();
        qsizetype end;
        const QString word = peekWord(i, &end);
        if (isInteger(word)) {
          p.values << word;
          i = end;
        }
      } else if (key == QLatin1String("ruler")) {
        for (int w = 0; w < 3; ++w) {
          qsizetype end;
          const QString word = peekWord(i, &end);
          if (!rulerWords.contains(word.toLower())) break;
          p.values << word;
          i = end;
        }
      } else if (key == QLatin1String("compass")) {
        p.values << takeWord();
        while (true) {
          qsizetype end;
          const QString word = peekWord(i, &end);
          if (word.isEmpty() || word.contains(QLatin1Char('=')) ||
              !(word.startsWith(QLatin1Char('{')) || isInteger(word) ||
                rulerWords.contains(word.toLower())))
            break;
          p.values << word;
          i = end;
        }
      } else if (key == QLatin1String("panda") || key == QLatin1String("epanda") ||
                 key == QLatin1String("bpanda")) {
        skipBlanks();
        if (i < n && text[i] == QLatin1Char('(')) {
          while (i < n && text[i] == QLatin1Char('(')) {
            const qsizetype end = skipGroup(text, i);
            p.values << text.mid(i, end - i);
            i = end;
          }
        } else {
          p.values << takeWord();
        }
      } else {
        p.values << takeWord();
      }
      out.push_back(p);
      continue;
    }
    Property bare;
    bare.values << takeWord();
    out.push_back(bare);
  }
  return out;
}

}  // namespace xsky::regions::ds9
