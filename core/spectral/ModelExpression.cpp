#include "spectral/ModelExpression.h"

#include <QHash>
#include <QStringList>
#include <algorithm>

namespace xsky::spectral {

struct Model::Node {
  enum class Op { Component, Sum, Product } op = Op::Component;
  const ComponentType* type = nullptr;
  int firstParameter = 0;
  ComponentKind kind = ComponentKind::Additive;
  std::vector<std::unique_ptr<Node>> children;

  using Neutral = std::function<bool(const ComponentType&)>;

  void evaluate(std::span<const double> values, std::span<const double> lo,
                std::span<const double> hi, double* out, const Neutral* neutral) const {
    if (op == Op::Component) {
      if (neutral && kind == ComponentKind::Multiplicative && (*neutral)(*type)) {
        std::fill(out, out + lo.size(), 1.0);
      } else {
        type->evaluate(values.data() + firstParameter, lo, hi, out);
      }
      return;
    }
    children.front()->evaluate(values, lo, hi, out, neutral);
    std::vector<double> other(lo.size());
    for (size_t c = 1; c < children.size(); ++c) {
      children[c]->evaluate(values, lo, hi, other.data(), neutral);
      for (size_t i = 0; i < lo.size(); ++i) {
        out[i] = op == Op::Sum ? out[i] + other[i] : out[i] * other[i];
      }
    }
  }
};

ModelSyntaxError::ModelSyntaxError(const QString& expression, int column, const QString& what)
    : Error(QStringLiteral("model expression, column %1: %2\n  %3\n  %4^")
                .arg(column)
                .arg(what, expression, QString(column - 1, QLatin1Char(' ')))),
      column_(column) {}

namespace {

class Parser {
 public:
  Parser(const QString& text, std::vector<Parameter>* parameters)
      : text_(text), parameters_(parameters) {}

  std::unique_ptr<Model::Node> parseAll() {
    skipSpace();
    if (pos_ >= text_.size()) fail(QStringLiteral("the model expression is empty"));
    auto node = parseSum();
    skipSpace();
    if (pos_ < text_.size()) fail(QStringLiteral("unexpected '%1'").arg(text_[pos_]));
    if (node->kind != ComponentKind::Additive) {
      throw ModelSyntaxError(text_, 1,
                             QStringLiteral("the model has no additive component (e.g. powerlaw)"));
    }
    return node;
  }

 private:
  [[noreturn]] void fail(const QString& what) const {
    throw ModelSyntaxError(text_, int(pos_) + 1, what);
  }
  void skipSpace() {
    while (pos_ < text_.size() && text_[pos_].isSpace()) ++pos_;
  }
  bool accept(QChar c) {
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  std::unique_ptr<Model::Node> parseSum() {
    const qsizetype start = pos_;
    auto first = parseProduct();
    if (!accept(QLatin1Char('+'))) return first;
    auto node = std::make_unique<Model::Node>();
    node->op = Model::Node::Op::Sum;
    node->kind = first->kind;
    node->children.push_back(std::move(first));
    do {
      skipSpace();
      const qsizetype termAt = pos_;
      auto term = parseProduct();
      if (term->kind != ComponentKind::Additive || node->kind != ComponentKind::Additive) {
        pos_ = node->kind != ComponentKind::Additive ? start : termAt;
        fail(QStringLiteral("only additive components can be added"));
      }
      node->children.push_back(std::move(term));
    } while (accept(QLatin1Char('+')));
    return node;
  }

  std::unique_ptr<Model::Node> parseProduct() {
    skipSpace();
    auto first = parseFactor();
    if (!accept(QLatin1Char('*'))) return first;
    auto node = std::make_unique<Model::Node>();
    node->op = Model::Node::Op::Product;
    node->kind = first->kind;
    node->children.push_back(std::move(first));
    do {
      skipSpace();
      const qsizetype factorAt = pos_;
      auto factor = parseFactor();
      if (factor->kind == ComponentKind::Additive) {
        if (node->kind == ComponentKind::Additive) {
          pos_ = factorAt;
          fail(QStringLiteral("two additive terms cannot be multiplied"));
        }
        node->kind = ComponentKind::Additive;
      }
      node->children.push_back(std::move(factor));
    } while (accept(QLatin1Char('*')));
    return node;
  }

  std::unique_ptr<Model::Node> parseFactor() {
    skipSpace();
    if (pos_ >= text_.size()) fail(QStringLiteral("a component name or '(' is missing"));
    if (accept(QLatin1Char('('))) {
      auto inner = parseSum();
      if (!accept(QLatin1Char(')'))) fail(QStringLiteral("')' expected"));
      return inner;
    }
    const qsizetype start = pos_;
    while (pos_ < text_.size() &&
           (text_[pos_].isLetterOrNumber() || text_[pos_] == QLatin1Char('_')))
      ++pos_;
    if (pos_ == start) fail(QStringLiteral("unexpected '%1'").arg(text_[pos_]));
    const QString name = text_.mid(start, pos_ - start);
    const ComponentType* type = findComponentType(name);
    if (!type) {
      pos_ = start;
      fail(QStringLiteral("unknown model component '%1' (known: %2)")
               .arg(name, componentTypeNames().join(QStringLiteral(", "))));
    }
    auto node = std::make_unique<Model::Node>();
    node->type = type;
    node->kind = type->kind;
    node->firstParameter = int(parameters_->size());
    const int instance = ++instances_[QString::fromLatin1(type->name)];
    const QString instanceName =
        instance == 1 ? QString::fromLatin1(type->name)
                      : QStringLiteral("%1_%2").arg(QLatin1String(type->name)).arg(instance);
    for (const auto& spec : type->parameters) {
      Parameter p;
      p.component = instanceName;
      p.type = QString::fromLatin1(type->name);
      p.name = QString::fromLatin1(spec.name);
      p.unit = QString::fromLatin1(spec.unit);
      p.value = spec.value;
      p.min = spec.min;
      p.max = spec.max;
      p.step = spec.step;
      parameters_->push_back(p);
    }
    return node;
  }

  const QString& text_;
  std::vector<Parameter>* parameters_;
  qsizetype pos_ = 0;
  QHash<QString, int> instances_;
};

}  // namespace

Model::Model() = default;
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;
Model::~Model() = default;

Model Model::parse(const QString& expression) {
  Model model;
  model.expression_ = expression;
  Parser parser(model.expression_, &model.parameters_);
  model.root_ = parser.parseAll();
  return model;
}

int Model::findParameter(const QString& key) const {
  bool isNumber = false;
  const int number = key.toInt(&isNumber);
  if (isNumber) return number >= 1 && number <= int(parameters_.size()) ? number - 1 : -1;
  for (size_t i = 0; i < parameters_.size(); ++i) {
    if (parameters_[i].fullName().compare(key, Qt::CaseInsensitive) == 0) return int(i);
  }
  return -1;
}

void Model::evaluate(std::span<const double> values, std::span<const double> lo,
                     std::span<const double> hi, double* out) const {
  root_->evaluate(values, lo, hi, out, nullptr);
}

void Model::evaluate(std::span<const double> values, std::span<const double> lo,
                     std::span<const double> hi, double* out,
                     const std::function<bool(const ComponentType&)>& neutral) const {
  root_->evaluate(values, lo, hi, out, &neutral);
}

}  // namespace xsky::spectral
