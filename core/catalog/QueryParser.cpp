// The query language's lexer, recursive-descent parser and type checker (catalog/Query.h): builds
// the QueryNode tree of catalog/QueryAst.h against one table, resolving columns, names, angles and
// region files, so that evaluation never fails.

#include <algorithm>
#include <cmath>
#include <numbers>

#include <QDir>
#include <QFileInfo>

#include "catalog/PositionColumns.h"
#include "catalog/Query.h"
#include "catalog/QueryAst.h"
#include "regions/RegionFileIo.h"
#include "regions/RegionGeometry.h"
#include "regions/RegionSet.h"
#include "wcs/Angles.h"

namespace xsky::catalog {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

struct Token {
  enum Kind { End, Ident, Number, String, Symbol } kind = End;
  QString text;  // identifier, string contents, symbol
  int pos = 1;   // 1-based column
  QChar quote;   // String: ' " or `
  double value = 0;
};

int editDistance(const QString& a, const QString& b) {
  std::vector<int> prev(static_cast<size_t>(b.size()) + 1), cur(prev.size());
  for (size_t j = 0; j < prev.size(); ++j) prev[j] = static_cast<int>(j);
  for (qsizetype i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (qsizetype j = 1; j <= b.size(); ++j) {
      const int subst = prev[size_t(j) - 1] + (a[i - 1].toLower() == b[j - 1].toLower() ? 0 : 1);
      cur[size_t(j)] = std::min({prev[size_t(j)] + 1, cur[size_t(j) - 1] + 1, subst});
    }
    std::swap(prev, cur);
  }
  return prev.back();
}

/// The nearest of `candidates` to `word` when it is close enough, else empty.
QString nearest(const QString& word, const QStringList& candidates) {
  QString best;
  int bestDistance = std::max<int>(2, static_cast<int>(word.size()) / 3) + 1;
  for (const QString& c : candidates) {
    const int d = editDistance(word, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

std::vector<Token> lex(const QString& text) {
  std::vector<Token> out;
  qsizetype i = 0;
  const qsizetype n = text.size();
  while (i < n) {
    const QChar c = text[i];
    if (c.isSpace()) {
      ++i;
      continue;
    }
    Token t;
    t.pos = static_cast<int>(i) + 1;
    if (c.isLetter() || c == u'_') {
      qsizetype j = i;
      while (j < n && (text[j].isLetterOrNumber() || text[j] == u'_')) ++j;
      t.kind = Token::Ident;
      t.text = text.mid(i, j - i);
      i = j;
    } else if (c.isDigit() || (c == u'.' && i + 1 < n && text[i + 1].isDigit())) {
      qsizetype j = i;
      while (j < n && (text[j].isDigit() || text[j] == u'.')) ++j;
      if (j < n && (text[j] == u'e' || text[j] == u'E')) {
        qsizetype k = j + 1;
        if (k < n && (text[k] == u'+' || text[k] == u'-')) ++k;
        if (k < n && text[k].isDigit()) {
          while (k < n && text[k].isDigit()) ++k;
          j = k;
        }
      }
      bool ok = false;
      t.kind = Token::Number;
      t.text = text.mid(i, j - i);
      t.value = t.text.toDouble(&ok);
      if (!ok) throw QueryError(t.pos, QStringLiteral("malformed number \"%1\"").arg(t.text));
      i = j;
    } else if (c == u'\'' || c == u'"' || c == u'`') {
      qsizetype j = i + 1;
      QString s;
      for (;;) {
        if (j >= n) throw QueryError(t.pos, QStringLiteral("unterminated string (missing %1)").arg(c));
        if (text[j] == c) {
          if (j + 1 < n && text[j + 1] == c) {  // doubled quote: a literal quote
            s += c;
            j += 2;
            continue;
          }
          break;
        }
        s += text[j++];
      }
      t.kind = Token::String;
      t.quote = c;
      t.text = s;
      i = j + 1;
    } else {
      static const char* const symbols[] = {"==", "!=", "<>", "<=", ">=", "&&", "||", "(", ")", "{",
                                            "}",  ",",  "+",  "-",  "*",  "/",  "^",  "=", "<", ">", "!"};
      t.kind = Token::Symbol;
      for (const char* s : symbols) {
        const QLatin1StringView sym(s);
        if (QStringView(text).mid(i).startsWith(sym)) {
          t.text = sym;
          break;
        }
      }
      if (t.text.isEmpty()) throw QueryError(t.pos, QStringLiteral("unexpected character '%1'").arg(c));
      i += t.text.size();
    }
    out.push_back(std::move(t));
  }
  Token end;
  end.pos = static_cast<int>(n) + 1;
  out.push_back(end);
  return out;
}

bool isKeyword(const Token& t, const char* word) {
  return t.kind == Token::Ident && t.text.compare(QLatin1StringView(word), Qt::CaseInsensitive) == 0;
}
bool isSymbol(const Token& t, const char* s) { return t.kind == Token::Symbol && t.text == QLatin1StringView(s); }

QString describeToken(const Token& t) {
  switch (t.kind) {
    case Token::End: return QStringLiteral("end of query");
    case Token::String: return QStringLiteral("string %1%2%1").arg(t.quote).arg(t.text);
    default: return QStringLiteral("\"%1\"").arg(t.text);
  }
}

const QStringList& functionNames() {
  static const QStringList names = {QStringLiteral("abs"),  QStringLiteral("sqrt"), QStringLiteral("log10"),
                                    QStringLiteral("ln"),   QStringLiteral("log"),  QStringLiteral("exp"),
                                    QStringLiteral("pow"),  QStringLiteral("cone"), QStringLiteral("box"),
                                    QStringLiteral("region")};
  return names;
}

class Parser {
 public:
  Parser(const QString& text, const SourceTable& table, const QueryOptions& options)
      : text_(text), table_(table), options_(options) {}

  std::unique_ptr<QueryNode> run();
  int nodeCount() const { return nextId_; }

 private:
  using NodePtr = std::unique_ptr<QueryNode>;

  const Token& peek(size_t ahead = 0) const { return tokens_[std::min(at_ + ahead, tokens_.size() - 1)]; }
  Token take() { return tokens_[std::min(at_++, tokens_.size() - 1)]; }
  void expectSymbol(const char* s, const char* context) {
    if (!isSymbol(peek(), s)) {
      throw QueryError(peek().pos, QStringLiteral("expected '%1' %2, found %3").arg(QLatin1StringView(s),
                                                                                  QLatin1StringView(context),
                                                                                  describeToken(peek())));
    }
    ++at_;
  }

  NodePtr make(QueryOp op, QueryType type, int pos) {
    auto n = std::make_unique<QueryNode>();
    n->op = op;
    n->type = type;
    n->pos = pos;
    n->id = nextId_++;
    return n;
  }
  NodePtr requireBool(NodePtr n, const QString& where) {
    if (n->type == QueryType::Bool) return n;
    throw QueryError(n->pos, QStringLiteral("%1 needs a condition, not a %2 (e.g. x > 1)")
                                 .arg(where, n->type == QueryType::Number ? QStringLiteral("number")
                                                                          : QStringLiteral("string")));
  }
  NodePtr requireNumber(NodePtr n, const QString& where) {
    if (n->type == QueryType::Number) return n;
    throw QueryError(n->pos, QStringLiteral("%1 needs a number, not a %2")
                                 .arg(where, n->type == QueryType::Bool ? QStringLiteral("condition")
                                                                        : QStringLiteral("string")));
  }

  NodePtr parseOr();
  NodePtr parseAnd();
  NodePtr parseNot();
  NodePtr parsePredicate();
  NodePtr parseAdditive();
  NodePtr parseMultiplicative();
  NodePtr parseUnary();
  NodePtr parsePower();
  NodePtr parsePrimary();
  NodePtr parseCall(const Token& name);
  NodePtr columnNode(const Column& column, int pos);
  NodePtr logical(QueryOp op, NodePtr a, NodePtr b, int pos);
  NodePtr arithmetic(QueryOp op, NodePtr a, NodePtr b, int pos);
  NodePtr compare(CompareOp op, NodePtr a, NodePtr b, int pos);
  NodePtr inList(NodePtr left, bool negate, int pos);
  NodePtr skyNode(std::shared_ptr<SkySelection> sky, int pos);
  wcs::SkyPoint resolveTarget(const Token& t);
  double angleArg(const Token& t, const char* what);
  Token literalArg(const char* function);
  std::unique_ptr<QueryNode> bareName();

  const QString& text_;
  const SourceTable& table_;
  const QueryOptions& options_;
  std::vector<Token> tokens_;
  size_t at_ = 0;
  int nextId_ = 0;
  std::optional<PositionColumns> positions_;
};

std::unique_ptr<QueryNode> Parser::run() {
  if (text_.trimmed().isEmpty()) throw QueryError(1, QStringLiteral("the query is empty"));
  if (NodePtr bare = bareName()) return bare;
  tokens_ = lex(text_);
  NodePtr root = parseOr();
  if (peek().kind != Token::End) {
    throw QueryError(peek().pos, QStringLiteral("unexpected %1 (missing AND/OR?)").arg(describeToken(peek())));
  }
  return requireBool(std::move(root), QStringLiteral("a query"));
}

// A query that is only a name or coordinates: a cone of options_.bareNameRadiusDeg around it.
std::unique_ptr<QueryNode> Parser::bareName() {
  QString target = text_.trimmed();
  const int pos = static_cast<int>(text_.indexOf(target.front())) + 1;
  if (target.size() >= 2 && (target.front() == u'\'' || target.front() == u'"') && target.back() == target.front() &&
      !target.mid(1, target.size() - 2).contains(target.front())) {
    target = target.mid(1, target.size() - 2);
    if (table_.columnIndex(target) >= 0) return nullptr;
  } else if (!parseSkyCoordinates(target)) {
    std::vector<Token> tokens;
    try {
      tokens = lex(text_);
    } catch (const QueryError&) {
      return nullptr;
    }
    if (tokens.front().kind != Token::Ident && tokens.front().kind != Token::Number) return nullptr;
    if (tokens.front().kind == Token::Ident && table_.columnIndex(tokens.front().text) >= 0) return nullptr;
    if (tokens.size() > 1 && isSymbol(tokens[1], "(")) return nullptr;
    for (const Token& t : tokens) {
      for (const char* k : {"and", "or", "not", "in", "like", "is", "true", "false", "null"}) {
        if (isKeyword(t, k)) return nullptr;
      }
      const bool plain = t.kind == Token::Ident || t.kind == Token::Number || t.kind == Token::End ||
                         isSymbol(t, "+") || isSymbol(t, "-");
      if (!plain) return nullptr;
    }
    if (tokens.size() == 2 && tokens.front().kind == Token::Number) return nullptr;  // "10": not a name
  }
  Token t;
  t.kind = Token::String;
  t.text = target;
  t.pos = pos;
  auto sky = std::make_shared<SkySelection>();
  wcs::SkyPoint c;
  try {
    c = resolveTarget(t);
  } catch (const QueryError& e) {
    QStringList names;
    for (const Column& column : table_.columns) names << column.meta.name;
    const QString guess = target.contains(u' ') ? QString() : nearest(target, names);
    if (guess.isEmpty()) throw;
    throw QueryError(e.column(), e.message().section(QStringLiteral(": "), 1, -1) +
                                     QStringLiteral(" (or did you mean the column %1?)").arg(guess));
  }
  sky->kind = SkySelection::Kind::Cone;
  sky->ra = c.lon;
  sky->dec = c.lat;
  sky->radius = options_.bareNameRadiusDeg;
  sky->label = QStringLiteral("cone(%1, %2, %3)").arg(c.lon, 0, 'g', 10).arg(c.lat, 0, 'g', 10).arg(sky->radius, 0, 'g', 6);
  return skyNode(std::move(sky), pos);
}

Parser::NodePtr Parser::parseOr() {
  NodePtr left = parseAnd();
  while (isKeyword(peek(), "or") || isSymbol(peek(), "||")) {
    const int pos = take().pos;
    left = logical(QueryOp::Or, std::move(left), parseAnd(), pos);
  }
  return left;
}

Parser::NodePtr Parser::parseAnd() {
  NodePtr left = parseNot();
  while (isKeyword(peek(), "and") || isSymbol(peek(), "&&")) {
    const int pos = take().pos;
    left = logical(QueryOp::And, std::move(left), parseNot(), pos);
  }
  return left;
}

Parser::NodePtr Parser::parseNot() {
  if (isKeyword(peek(), "not") || isSymbol(peek(), "!")) {
    const int pos = take().pos;
    NodePtr operand = requireBool(parseNot(), QStringLiteral("NOT"));
    NodePtr n = make(QueryOp::Not, QueryType::Bool, pos);
    n->cost = operand->cost;
    n->kids.push_back(std::move(operand));
    return n;
  }
  return parsePredicate();
}

Parser::NodePtr Parser::parsePredicate() {
  NodePtr left = parseAdditive();
  const Token& t = peek();
  static const std::pair<const char*, CompareOp> ops[] = {{"=", CompareOp::Eq},  {"==", CompareOp::Eq},
                                                          {"!=", CompareOp::Ne}, {"<>", CompareOp::Ne},
                                                          {"<", CompareOp::Lt},  {"<=", CompareOp::Le},
                                                          {">", CompareOp::Gt},  {">=", CompareOp::Ge}};
  for (const auto& [sym, op] : ops) {
    if (isSymbol(t, sym)) {
      const int pos = take().pos;
      return compare(op, std::move(left), parseAdditive(), pos);
    }
  }
  bool negate = false;
  if (isKeyword(t, "not") && (isKeyword(peek(1), "in") || isKeyword(peek(1), "like"))) {
    negate = true;
    take();
  }
  if (isKeyword(peek(), "in")) return inList(std::move(left), negate, take().pos);
  if (isKeyword(peek(), "like")) {
    const int pos = take().pos;
    if (left->op != QueryOp::StrColumn) {
      throw QueryError(left->pos, QStringLiteral("LIKE needs a string column on its left"));
    }
    const Token pattern = take();
    if (pattern.kind != Token::String) {
      throw QueryError(pattern.pos, QStringLiteral("LIKE needs a quoted pattern, found %1").arg(describeToken(pattern)));
    }
    NodePtr n = make(QueryOp::Like, QueryType::Bool, pos);
    n->column = left->column;
    n->text = pattern.text;
    n->negate = negate;
    n->cost = 40;
    return n;
  }
  if (isKeyword(peek(), "is")) {
    const int pos = take().pos;
    bool notNull = false;
    if (isKeyword(peek(), "not")) {
      take();
      notNull = true;
    }
    if (!isKeyword(peek(), "null")) {
      throw QueryError(peek().pos, QStringLiteral("expected NULL after IS, found %1").arg(describeToken(peek())));
    }
    take();
    NodePtr n = make(QueryOp::IsNull, QueryType::Bool, pos);
    n->negate = notNull;
    n->cost = left->cost + 1;
    n->kids.push_back(std::move(left));
    return n;
  }
  return left;
}

Parser::NodePtr Parser::parseAdditive() {
  NodePtr left = parseMultiplicative();
  while (isSymbol(peek(), "+") || isSymbol(peek(), "-")) {
    const Token op = take();
    left = arithmetic(op.text == u"+" ? QueryOp::Add : QueryOp::Sub, std::move(left), parseMultiplicative(), op.pos);
  }
  return left;
}

Parser::NodePtr Parser::parseMultiplicative() {
  NodePtr left = parseUnary();
  while (isSymbol(peek(), "*") || isSymbol(peek(), "/")) {
    const Token op = take();
    left = arithmetic(op.text == u"*" ? QueryOp::Mul : QueryOp::Div, std::move(left), parseUnary(), op.pos);
  }
  return left;
}

Parser::NodePtr Parser::parseUnary() {
  if (isSymbol(peek(), "-") || isSymbol(peek(), "+")) {
    const Token op = take();
    NodePtr operand = requireNumber(parseUnary(), QStringLiteral("unary %1").arg(op.text));
    if (op.text == u"+") return operand;
    if (operand->op == QueryOp::Constant) {
      operand->number = -operand->number;
      operand->pos = op.pos;
      return operand;
    }
    NodePtr n = make(QueryOp::Neg, QueryType::Number, op.pos);
    n->cost = operand->cost + 0.5;
    n->kids.push_back(std::move(operand));
    return n;
  }
  return parsePower();
}

Parser::NodePtr Parser::parsePower() {
  NodePtr base = parsePrimary();
  if (isSymbol(peek(), "^")) {
    const int pos = take().pos;
    return arithmetic(QueryOp::Pow, std::move(base), parseUnary(), pos);
  }
  return base;
}

Parser::NodePtr Parser::columnNode(const Column& column, int pos) {
  NodePtr n;
  switch (column.kind()) {
    case ColumnKind::Real:
    case ColumnKind::Integer:
      n = make(QueryOp::NumColumn, QueryType::Number, pos);
      break;
    case ColumnKind::Boolean:
      n = make(QueryOp::BoolColumn, QueryType::Bool, pos);
      n->number = 1;
      break;
    case ColumnKind::String:
      n = make(QueryOp::StrColumn, QueryType::String, pos);
      break;
  }
  n->column = &column;
  n->text = column.meta.name;
  return n;
}

Parser::NodePtr Parser::parsePrimary() {
  const Token t = take();
  if (t.kind == Token::Number) {
    NodePtr n = make(QueryOp::Constant, QueryType::Number, t.pos);
    n->number = t.value;
    n->cost = 0;
    return n;
  }
  if (t.kind == Token::String) {
    if (t.quote != u'\'') {
      if (const Column* c = table_.column(t.text)) return columnNode(*c, t.pos);
      if (t.quote == u'`') {
        throw QueryError(t.pos, QStringLiteral("unknown column \"%1\"").arg(t.text));
      }
    }
    NodePtr n = make(QueryOp::StrConst, QueryType::String, t.pos);
    n->text = t.text;
    n->cost = 0;
    return n;
  }
  if (isSymbol(t, "(")) {
    NodePtr inner = parseOr();
    expectSymbol(")", "to close the parenthesis");
    return inner;
  }
  if (t.kind == Token::Ident) {
    if (isSymbol(peek(), "(")) return parseCall(t);
    if (isKeyword(t, "true") || isKeyword(t, "false")) {
      NodePtr n = make(QueryOp::BoolConst, QueryType::Bool, t.pos);
      n->number = isKeyword(t, "true") ? 1 : 0;
      n->cost = 0;
      return n;
    }
    for (const char* k : {"and", "or", "not", "in", "like", "is", "null"}) {
      if (isKeyword(t, k)) {
        throw QueryError(t.pos, QStringLiteral("unexpected %1 (a column, number or string was expected)")
                                    .arg(t.text.toUpper()));
      }
    }
    if (const Column* c = table_.column(t.text)) return columnNode(*c, t.pos);
    QStringList names;
    for (const Column& c : table_.columns) names << c.meta.name;
    const QString guess = nearest(t.text, names);
    throw QueryError(t.pos, guess.isEmpty()
                                ? QStringLiteral("unknown column \"%1\"").arg(t.text)
                                : QStringLiteral("unknown column \"%1\" (did you mean %2?)").arg(t.text, guess));
  }
  if (t.kind == Token::End) throw QueryError(t.pos, QStringLiteral("the query ends too early"));
  throw QueryError(t.pos, QStringLiteral("unexpected %1").arg(describeToken(t)));
}

Parser::NodePtr Parser::logical(QueryOp op, NodePtr a, NodePtr b, int pos) {
  const QString word = op == QueryOp::And ? QStringLiteral("AND") : QStringLiteral("OR");
  a = requireBool(std::move(a), word);
  b = requireBool(std::move(b), word);
  NodePtr n = make(op, QueryType::Bool, pos);
  // Flatten chains (a AND b AND c) and order operands cheap first: later operands only run on the
  // rows the earlier ones leave undecided.
  for (NodePtr* k : {&a, &b}) {
    if ((*k)->op == op) {
      for (auto& kk : (*k)->kids) n->kids.push_back(std::move(kk));
    } else {
      n->kids.push_back(std::move(*k));
    }
  }
  std::stable_sort(n->kids.begin(), n->kids.end(), [](const NodePtr& x, const NodePtr& y) { return x->cost < y->cost; });
  n->cost = 0;
  for (const auto& k : n->kids) n->cost += k->cost;
  return n;
}

Parser::NodePtr Parser::arithmetic(QueryOp op, NodePtr a, NodePtr b, int pos) {
  static const char* const names[] = {"", "", "", "+", "-", "*", "/", "^"};
  const QString what = QStringLiteral("'%1'").arg(QLatin1StringView(names[static_cast<int>(op)]));
  a = requireNumber(std::move(a), what);
  b = requireNumber(std::move(b), what);
  if (a->op == QueryOp::Constant && b->op == QueryOp::Constant) {
    const double x = a->number, y = b->number;
    a->number = op == QueryOp::Add ? x + y : op == QueryOp::Sub ? x - y : op == QueryOp::Mul ? x * y
              : op == QueryOp::Div ? x / y : std::pow(x, y);
    return a;
  }
  NodePtr n = make(op, QueryType::Number, pos);
  n->cost = a->cost + b->cost + (op == QueryOp::Pow ? 20 : 1);
  n->kids.push_back(std::move(a));
  n->kids.push_back(std::move(b));
  return n;
}

Parser::NodePtr Parser::compare(CompareOp op, NodePtr a, NodePtr b, int pos) {
  if (a->type == QueryType::Number && b->type == QueryType::Number) {
    NodePtr n = make(QueryOp::Compare, QueryType::Bool, pos);
    n->cmp = op;
    n->cost = a->cost + b->cost + 1;
    n->kids.push_back(std::move(a));
    n->kids.push_back(std::move(b));
    return n;
  }
  const bool equality = op == CompareOp::Eq || op == CompareOp::Ne;
  if (a->type == QueryType::Bool && b->type == QueryType::Bool) {
    if (a->op == QueryOp::BoolConst) std::swap(a, b);
    if (b->op != QueryOp::BoolConst) {
      throw QueryError(pos, QStringLiteral("compare a condition with true or false only"));
    }
    if (!equality) throw QueryError(pos, QStringLiteral("booleans compare with = or != only"));
    const bool want = (b->number != 0) != (op == CompareOp::Ne);
    if (a->op == QueryOp::BoolColumn) {
      a->number = want ? a->number : 1 - a->number;
      return a;
    }
    if (want) return a;
    NodePtr n = make(QueryOp::Not, QueryType::Bool, pos);
    n->cost = a->cost;
    n->kids.push_back(std::move(a));
    return n;
  }
  if (a->type == QueryType::String && b->type == QueryType::String) {
    if (a->op == QueryOp::StrConst) std::swap(a, b);
    if (a->op != QueryOp::StrColumn || b->op != QueryOp::StrConst) {
      throw QueryError(pos, QStringLiteral("compare a string column with a quoted string"));
    }
    if (!equality) {
      throw QueryError(pos, QStringLiteral("strings compare with = or != only (LIKE matches patterns)"));
    }
    NodePtr n = make(QueryOp::StrCompare, QueryType::Bool, pos);
    n->cmp = op;
    n->column = a->column;
    n->text = b->text;
    n->cost = 20;
    return n;
  }
  auto kind = [](const QueryNode& n) {
    const QString what = n.type == QueryType::Number ? QStringLiteral("number")
                         : n.type == QueryType::Bool ? QStringLiteral("boolean")
                                                      : QStringLiteral("string");
    return n.column != nullptr ? QStringLiteral("%1 column %2").arg(what, n.column->meta.name) : QStringLiteral("a %1").arg(what);
  };
  throw QueryError(pos, QStringLiteral("type mismatch: cannot compare %1 with %2").arg(kind(*a), kind(*b)));
}

Parser::NodePtr Parser::inList(NodePtr left, bool negate, int pos) {
  expectSymbol("{", "after IN");
  std::vector<double> numbers;
  std::vector<QString> strings;
  for (;;) {
    Token t = take();
    double sign = 1;
    if (isSymbol(t, "-") || isSymbol(t, "+")) {
      sign = t.text == u"-" ? -1 : 1;
      t = take();
    }
    if (t.kind == Token::Number) {
      if (left->type != QueryType::Number) {
        throw QueryError(t.pos, QStringLiteral("type mismatch: a number in the IN list of a string column"));
      }
      numbers.push_back(sign * t.value);
    } else if (t.kind == Token::String) {
      if (left->op != QueryOp::StrColumn) {
        throw QueryError(t.pos, QStringLiteral("type mismatch: a string in the IN list of a numeric value"));
      }
      strings.push_back(t.text);
    } else {
      throw QueryError(t.pos, QStringLiteral("expected a number or a quoted string in the IN list, found %1")
                                  .arg(describeToken(t)));
    }
    if (isSymbol(peek(), ",")) {
      take();
      continue;
    }
    expectSymbol("}", "to close the IN list");
    break;
  }
  if (left->type == QueryType::Bool) throw QueryError(left->pos, QStringLiteral("IN needs a number or a string column"));
  if (left->type == QueryType::String && left->op != QueryOp::StrColumn) {
    throw QueryError(left->pos, QStringLiteral("IN needs a column on its left"));
  }
  NodePtr n = make(left->type == QueryType::Number ? QueryOp::InNumbers : QueryOp::InStrings, QueryType::Bool, pos);
  n->negate = negate;
  std::sort(numbers.begin(), numbers.end());
  std::sort(strings.begin(), strings.end());
  n->numbers = std::move(numbers);
  n->strings = std::move(strings);
  if (n->op == QueryOp::InStrings) {
    n->column = left->column;
    n->cost = 30;
  } else {
    n->cost = left->cost + 1 + static_cast<double>(n->numbers.size()) / 8;
    n->kids.push_back(std::move(left));
  }
  return n;
}

Token Parser::literalArg(const char* function) {
  Token t = take();
  if (isSymbol(t, "-") && peek().kind == Token::Number) {
    Token v = take();
    v.value = -v.value;
    v.text = QLatin1Char('-') + v.text;
    v.pos = t.pos;
    return v;
  }
  if (t.kind != Token::String && t.kind != Token::Number) {
    throw QueryError(t.pos, QStringLiteral("%1() takes quoted strings or numbers, found %2")
                                .arg(QLatin1StringView(function), describeToken(t)));
  }
  return t;
}

wcs::SkyPoint Parser::resolveTarget(const Token& t) {
  if (t.kind == Token::Number) {
    throw QueryError(t.pos, QStringLiteral("a target is a quoted name or \"RA Dec\" (or give RA, Dec, radius)"));
  }
  if (const auto c = parseSkyCoordinates(t.text)) return *c;
  QString error;
  if (!options_.resolver) {
    throw QueryError(t.pos, QStringLiteral("\"%1\" is not a position (\"RA Dec\" in degrees or sexagesimal) and no "
                                           "name resolver is available").arg(t.text));
  }
  const auto p = options_.resolver(t.text.trimmed(), &error);
  if (!p) {
    if (error.isEmpty()) error = QStringLiteral("cannot resolve \"%1\"").arg(t.text.trimmed());
    throw QueryError(t.pos, error);
  }
  return *p;
}

double Parser::angleArg(const Token& t, const char* what) {
  if (t.kind == Token::Number) {
    if (t.value < 0) throw QueryError(t.pos, QStringLiteral("the %1 is negative").arg(QLatin1StringView(what)));
    return t.value;
  }
  QString error;
  const auto a = parseAngle(t.text, &error);
  if (!a) throw QueryError(t.pos, QStringLiteral("%1: %2").arg(QLatin1StringView(what), error));
  return *a;
}

Parser::NodePtr Parser::skyNode(std::shared_ptr<SkySelection> sky, int pos) {
  if (!positions_) positions_ = findPositionColumns(table_);
  if (!positions_->found()) {
    throw QueryError(pos, QStringLiteral("the table has no recognisable RA/Dec columns (by UCD pos.eq.ra/dec or "
                                         "usual names such as RA/DEC): sky selections need them"));
  }
  NodePtr n = make(QueryOp::Sky, QueryType::Bool, pos);
  n->raColumn = &table_.columns[size_t(positions_->ra)];
  n->decColumn = &table_.columns[size_t(positions_->dec)];
  for (auto [column, scale] : {std::pair{n->raColumn, &n->raScale}, std::pair{n->decColumn, &n->decScale}}) {
    const QString unit = column->meta.unit.trimmed().toLower();
    *scale = (unit == u"h" || unit == u"hour" || unit == u"hours" || unit == u"hourangle")
                 ? (column == n->raColumn ? 15.0 : std::nan(""))
                 : angleScaleToDegrees(unit, 1.0);
    if (!std::isfinite(*scale)) {
      throw QueryError(pos, QStringLiteral("the position column %1 has unit \"%2\", not an angle")
                                .arg(column->meta.name, column->meta.unit));
    }
  }
  if (sky->kind == SkySelection::Kind::Region) {
    for (const regions::Region& r : sky->includes) {
      const regions::Vec2 c = regions::centroid(r);
      sky->caps.push_back({c.x, c.y, regions::boundingRadius(r) * (1 + 1e-9) + 1e-12});
    }
  } else {
    sky->caps.push_back({sky->ra, sky->dec, sky->radius});
  }
  // A cone's band prefilter is as cheap as a comparison and usually far more selective: first.
  n->cost = sky->kind == SkySelection::Kind::Cone ? 1.5 : 30;
  n->text = sky->label;
  n->sky = std::move(sky);
  return n;
}

Parser::NodePtr Parser::parseCall(const Token& name) {
  const QString f = name.text.toLower();
  take();  // (
  auto closeArgs = [&](const char* fn) {
    if (!isSymbol(peek(), ")")) {
      throw QueryError(peek().pos, QStringLiteral("%1(): expected ')' or ',', found %2")
                                       .arg(QLatin1StringView(fn), describeToken(peek())));
    }
    take();
  };
  static const std::pair<const char*, FuncId> unary[] = {{"abs", FuncId::Abs}, {"sqrt", FuncId::Sqrt},
                                                         {"log10", FuncId::Log10}, {"ln", FuncId::Ln},
                                                         {"log", FuncId::Ln}, {"exp", FuncId::Exp}};
  for (const auto& [fname, id] : unary) {
    if (f != QLatin1StringView(fname)) continue;
    NodePtr arg = requireNumber(parseAdditive(), QStringLiteral("%1()").arg(f));
    closeArgs(fname);
    auto apply = [id = id](double x) {  // init-capture: clang 14 cannot capture a binding
      switch (id) {
        case FuncId::Abs: return std::abs(x);
        case FuncId::Sqrt: return std::sqrt(x);
        case FuncId::Log10: return std::log10(x);
        case FuncId::Ln: return std::log(x);
        case FuncId::Exp: return std::exp(x);
      }
      return x;
    };
    if (arg->op == QueryOp::Constant) {
      arg->number = apply(arg->number);
      return arg;
    }
    NodePtr n = make(QueryOp::Func, QueryType::Number, name.pos);
    n->func = id;
    n->text = f;
    n->cost = arg->cost + (id == FuncId::Abs || id == FuncId::Sqrt ? 1 : 10);
    n->kids.push_back(std::move(arg));
    return n;
  }
  if (f == u"pow") {
    NodePtr x = parseAdditive();
    expectSymbol(",", "between the arguments of pow()");
    NodePtr y = parseAdditive();
    closeArgs("pow");
    return arithmetic(QueryOp::Pow, std::move(x), std::move(y), name.pos);
  }
  auto sky = std::make_shared<SkySelection>();
  if (f == u"cone") {
    std::vector<Token> args{literalArg("cone")};
    while (isSymbol(peek(), ",") && args.size() < 3) {
      take();
      args.push_back(literalArg("cone"));
    }
    closeArgs("cone");
    if (args.size() < 2) throw QueryError(name.pos, QStringLiteral("cone() takes (target, radius) or (ra, dec, radius)"));
    wcs::SkyPoint c;
    if (args.size() == 3) {
      const auto ra = args[0].kind == Token::Number ? std::optional<double>(args[0].value) : wcs::parseRa(args[0].text);
      const auto dec = args[1].kind == Token::Number ? std::optional<double>(args[1].value) : wcs::parseDec(args[1].text);
      if (!ra || *ra < 0 || *ra > 360) throw QueryError(args[0].pos, QStringLiteral("cone(): bad RA \"%1\"").arg(args[0].text));
      if (!dec || std::abs(*dec) > 90) throw QueryError(args[1].pos, QStringLiteral("cone(): bad Dec \"%1\"").arg(args[1].text));
      c = {*ra, *dec};
    } else {
      c = resolveTarget(args[0]);
    }
    sky->kind = SkySelection::Kind::Cone;
    sky->ra = c.lon;
    sky->dec = c.lat;
    sky->radius = angleArg(args.back(), "cone radius");
    sky->label = QStringLiteral("cone(%1, %2, %3)").arg(c.lon, 0, 'g', 10).arg(c.lat, 0, 'g', 10).arg(sky->radius, 0, 'g', 6);
    return skyNode(std::move(sky), name.pos);
  }
  if (f == u"box") {
    std::vector<Token> args{literalArg("box")};
    while (isSymbol(peek(), ",") && args.size() < 3) {
      take();
      args.push_back(literalArg("box"));
    }
    closeArgs("box");
    if (args.size() < 2) throw QueryError(name.pos, QStringLiteral("box() takes (target, width[, height])"));
    const wcs::SkyPoint c = resolveTarget(args[0]);
    const double w = angleArg(args[1], "box width");
    const double h = args.size() > 2 ? angleArg(args[2], "box height") : w;
    if (w >= 180 || h >= 180) throw QueryError(args[1].pos, QStringLiteral("box(): sides must be below 180 degrees"));
    regions::Region r;
    r.shape = regions::Box{{c.lon, c.lat}, {w, h}, 0.0};
    r.frame = regions::Frame::Sky;
    sky->kind = SkySelection::Kind::Box;
    sky->ra = c.lon;
    sky->dec = c.lat;
    sky->radius = std::atan(std::hypot(std::tan(w / 2 * kDeg), std::tan(h / 2 * kDeg))) / kDeg * (1 + 1e-9) + 1e-12;
    sky->includes.push_back(std::move(r));
    sky->label = QStringLiteral("box(%1, %2, %3, %4)").arg(c.lon, 0, 'g', 10).arg(c.lat, 0, 'g', 10).arg(w, 0, 'g', 6).arg(h, 0, 'g', 6);
    return skyNode(std::move(sky), name.pos);
  }
  if (f == u"region") {
    const Token file = literalArg("region");
    closeArgs("region");
    if (file.kind != Token::String) throw QueryError(file.pos, QStringLiteral("region() takes a quoted file name"));
    const QString path = QFileInfo(file.text).isAbsolute() || options_.baseDir.isEmpty()
                             ? file.text
                             : QDir(options_.baseDir).filePath(file.text);
    regions::RegionReadResult read;
    try {
      read = regions::readRegionFile(path, {});
    } catch (const Error& e) {
      throw QueryError(file.pos, e.message());
    }
    if (!read.errors.isEmpty()) throw QueryError(file.pos, read.errors.front());
    const regions::RegionSet set = regions::RegionSet::fromRegions(read.regions);
    for (const auto* list : {&set.source, &set.background}) {
      sky->includes.insert(sky->includes.end(), list->begin(), list->end());
    }
    for (const auto* list : {&set.sourceExclusions, &set.backgroundExclusions}) {
      sky->excludes.insert(sky->excludes.end(), list->begin(), list->end());
    }
    for (const auto* list : {&sky->includes, &sky->excludes}) {
      for (const regions::Region& r : *list) {
        if (r.frame != regions::Frame::Sky) {
          throw QueryError(file.pos, QStringLiteral("%1: %2 is in pixels; queries need sky regions (fk5, icrs, ...)")
                                         .arg(file.text, regions::describe(r)));
        }
      }
    }
    if (sky->includes.empty()) throw QueryError(file.pos, QStringLiteral("%1 has no included sky region").arg(file.text));
    sky->kind = SkySelection::Kind::Region;
    sky->label = QStringLiteral("region('%1')").arg(file.text);
    return skyNode(std::move(sky), name.pos);
  }
  const QString guess = nearest(name.text, functionNames());
  throw QueryError(name.pos, guess.isEmpty()
                                 ? QStringLiteral("unknown function \"%1\"").arg(name.text)
                                 : QStringLiteral("unknown function \"%1\" (did you mean %2?)").arg(name.text, guess));
}

}  // namespace

std::unique_ptr<QueryNode> parseQuery(const QString& text, const SourceTable& table, const QueryOptions& options,
                                      int* nodeCount) {
  Parser parser(text, table, options);
  std::unique_ptr<QueryNode> root = parser.run();
  *nodeCount = parser.nodeCount();
  return root;
}

}  // namespace xsky::catalog
