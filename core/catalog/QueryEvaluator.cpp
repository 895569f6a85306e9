// Evaluation of a compiled query (catalog/QueryAst.h) over blocks of kBlock rows: each node fills a
// small buffer of doubles or bytes for the block from its operands' buffers (or straight from the
// column arrays), in tight loops the compiler vectorises. AND/OR pass the rows still undecided to
// their later (costlier) operands, which skip the other rows: a cone, a logarithm or a string
// match only runs where it can change the answer.

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numbers>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "catalog/QueryAst.h"
#include "catalog/SkyCapTest.h"

namespace xsky::catalog {

namespace {

constexpr size_t kBlock = 1024;
constexpr double kDeg = std::numbers::pi / 180.0;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A numeric operand for one block: a pointer to kBlock values, or one scalar.
struct Operand {
  const double* p = nullptr;
  double c = 0;
  bool scalar = false;
};

// The loops below take __restrict pointers: uint8_t stores may otherwise alias the double inputs,
// which stops the compiler from vectorising them. The arithmetic loops also exist compiled for
// AVX2 (4 doubles a step; chosen at run time on CPUs that have it): the *Body templates are
// inlined into a target("avx2") copy. No FMA, so results equal the portable loops' bit for bit.
#if defined(__GNUC__) && defined(__x86_64__)
#define XSKY_AVX2_LOOPS 1
#define XSKY_AVX2_TARGET __attribute__((target("avx2")))
const bool kAvx2 = __builtin_cpu_supports("avx2");
#endif

template <class F>
[[gnu::always_inline]] inline void binaryLoopBody(Operand a, Operand b, double* __restrict out, size_t n, F f) {
  const double* __restrict x = a.p;
  const double* __restrict y = b.p;
  if (a.scalar && b.scalar) {
    const double v = f(a.c, b.c);
    for (size_t i = 0; i < n; ++i) out[i] = v;
  } else if (a.scalar) {
    const double c = a.c;
    for (size_t i = 0; i < n; ++i) out[i] = f(c, y[i]);
  } else if (b.scalar) {
    const double c = b.c;
    for (size_t i = 0; i < n; ++i) out[i] = f(x[i], c);
  } else {
    for (size_t i = 0; i < n; ++i) out[i] = f(x[i], y[i]);
  }
}

template <class F>
[[gnu::always_inline]] inline void unaryLoopBody(const double* __restrict x, double* __restrict out, size_t n, F f) {
  for (size_t i = 0; i < n; ++i) out[i] = f(x[i]);
}

#if defined(XSKY_AVX2_LOOPS)
template <class F>
XSKY_AVX2_TARGET void binaryLoopAvx2(Operand a, Operand b, double* __restrict out, size_t n, F f) {
  binaryLoopBody(a, b, out, n, f);
}
template <class F>
XSKY_AVX2_TARGET void unaryLoopAvx2(const double* __restrict x, double* __restrict out, size_t n, F f) {
  unaryLoopBody(x, out, n, f);
}
#endif

template <class F>
void binaryLoop(Operand a, Operand b, double* __restrict out, size_t n, F f) {
#if defined(XSKY_AVX2_LOOPS)
  if (kAvx2) return binaryLoopAvx2(a, b, out, n, f);
#endif
  binaryLoopBody(a, b, out, n, f);
}

template <class F>
void unaryLoop(const double* __restrict x, double* __restrict out, size_t n, F f) {
#if defined(XSKY_AVX2_LOOPS)
  if (kAvx2) return unaryLoopAvx2(x, out, n, f);
#endif
  unaryLoopBody(x, out, n, f);
}

#if defined(__SSE2__)
/// Bytes 0/1 for the 8 low bits of an index: one 8-byte store per 8 comparisons.
struct ByteMasks {
  uint64_t v[256];
  ByteMasks() {
    for (int m = 0; m < 256; ++m) {
      v[m] = 0;
      for (int b = 0; b < 8; ++b) v[m] |= static_cast<uint64_t>((m >> b) & 1) << (8 * b);
    }
  }
};
const ByteMasks kByteMasks;

/// out[i] = x[i] OP c (or c OP x[i] with `swapped`) for IEEE ordered comparisons, 8 rows a step.
template <class Cmp>
void compareScalarSse(const double* __restrict x, double c, uint8_t* __restrict out, size_t n, Cmp cmp) {
  const __m128d cv = _mm_set1_pd(c);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const int m0 = _mm_movemask_pd(cmp(_mm_loadu_pd(x + i), cv));
    const int m1 = _mm_movemask_pd(cmp(_mm_loadu_pd(x + i + 2), cv));
    const int m2 = _mm_movemask_pd(cmp(_mm_loadu_pd(x + i + 4), cv));
    const int m3 = _mm_movemask_pd(cmp(_mm_loadu_pd(x + i + 6), cv));
    const uint64_t bytes = kByteMasks.v[m0 | (m1 << 2) | (m2 << 4) | (m3 << 6)];
    std::memcpy(out + i, &bytes, 8);
  }
  for (; i < n; ++i) {
    out[i] = static_cast<uint8_t>(_mm_movemask_pd(cmp(_mm_set_sd(x[i]), cv)) & 1);
  }
}
#endif

template <class F>
void compareLoop(Operand a, Operand b, uint8_t* __restrict out, size_t n, F f) {
  const double* __restrict x = a.p;
  const double* __restrict y = b.p;
  if (a.scalar && b.scalar) {
    std::memset(out, f(a.c, b.c) ? 1 : 0, n);
  } else if (a.scalar) {
    const double c = a.c;
    for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(f(c, y[i]));
  } else if (b.scalar) {
    const double c = b.c;
    for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(f(x[i], c));
  } else {
    for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(f(x[i], y[i]));
  }
}

/// A column (or any vector) against a constant: the common case, done with SSE2 where available.
void compareWithConstant(CompareOp op, Operand a, Operand b, uint8_t* out, size_t n) {
#if defined(__SSE2__)
  const bool swapped = a.scalar;
  const double* x = swapped ? b.p : a.p;
  const double c = swapped ? a.c : b.c;
  // With swapped operands, c OP x == x OP' c (< and > exchange).
  CompareOp o = op;
  if (swapped) {
    o = op == CompareOp::Lt ? CompareOp::Gt : op == CompareOp::Gt ? CompareOp::Lt
      : op == CompareOp::Le ? CompareOp::Ge : op == CompareOp::Ge ? CompareOp::Le : op;
  }
  switch (o) {
    case CompareOp::Eq: compareScalarSse(x, c, out, n, [](__m128d p, __m128d q) { return _mm_cmpeq_pd(p, q); }); return;
    case CompareOp::Ne:
      compareScalarSse(x, c, out, n, [](__m128d p, __m128d q) { return _mm_or_pd(_mm_cmplt_pd(p, q), _mm_cmpgt_pd(p, q)); });
      return;
    case CompareOp::Lt: compareScalarSse(x, c, out, n, [](__m128d p, __m128d q) { return _mm_cmplt_pd(p, q); }); return;
    case CompareOp::Le: compareScalarSse(x, c, out, n, [](__m128d p, __m128d q) { return _mm_cmple_pd(p, q); }); return;
    case CompareOp::Gt: compareScalarSse(x, c, out, n, [](__m128d p, __m128d q) { return _mm_cmpgt_pd(p, q); }); return;
    case CompareOp::Ge: compareScalarSse(x, c, out, n, [](__m128d p, __m128d q) { return _mm_cmpge_pd(p, q); }); return;
  }
#else
  switch (op) {
    case CompareOp::Eq: compareLoop(a, b, out, n, [](double x, double y) { return x == y; }); return;
    case CompareOp::Ne: compareLoop(a, b, out, n, [](double x, double y) { return (x < y) | (x > y); }); return;
    case CompareOp::Lt: compareLoop(a, b, out, n, [](double x, double y) { return x < y; }); return;
    case CompareOp::Le: compareLoop(a, b, out, n, [](double x, double y) { return x <= y; }); return;
    case CompareOp::Gt: compareLoop(a, b, out, n, [](double x, double y) { return x > y; }); return;
    case CompareOp::Ge: compareLoop(a, b, out, n, [](double x, double y) { return x >= y; }); return;
  }
#endif
}

void andInto(uint8_t* __restrict out, const uint8_t* __restrict r, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] &= r[i];
}

void orStep(uint8_t* __restrict out, uint8_t* __restrict remaining, const uint8_t* __restrict r, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    const uint8_t hit = remaining[i] & r[i];
    out[i] |= hit;
    remaining[i] ^= hit;
  }
}

void andNot(uint8_t* __restrict out, const uint8_t* __restrict act, const uint8_t* __restrict r, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = act[i] & static_cast<uint8_t>(r[i] ^ 1);
}

size_t countSet(const uint8_t* __restrict v, size_t n) {
  uint32_t c = 0;
  for (size_t i = 0; i < n; ++i) c += v[i];
  return c;
}

/// Indices of the set bytes, without branches.
size_t compact(const uint8_t* __restrict act, size_t n, uint32_t* __restrict idx) {
  size_t k = 0;
  for (size_t i = 0; i < n; ++i) {
    idx[k] = static_cast<uint32_t>(i);
    k += act[i];
  }
  return k;
}

/// out[i] = f(x[i]) on the active rows only (all rows when every row is active).
template <class F>
void sparseApply(const double* __restrict x, double* __restrict out, size_t n, const uint8_t* act, size_t nAct,
                 uint32_t* idx, F f) {
  if (nAct == n) {
    for (size_t i = 0; i < n; ++i) out[i] = f(x[i]);
    return;
  }
  const size_t k = compact(act, n, idx);
  for (size_t j = 0; j < k; ++j) out[idx[j]] = f(x[idx[j]]);
}

/// Per-node buffers of one evaluation (one thread), allocated on first use.
class Scratch {
 public:
  explicit Scratch(int nodes) : reals_(size_t(nodes) * 2), bytes_(size_t(nodes) * 2) {}
  double* reals(int id, int k = 0) { return get(reals_[size_t(id) * 2 + size_t(k)]); }
  uint8_t* bytes(int id, int k = 0) { return get(bytes_[size_t(id) * 2 + size_t(k)]); }
  uint32_t* indices() { return get(indices_); }

 private:
  template <class T>
  static T* get(std::vector<T>& v) {
    if (v.empty()) v.resize(kBlock);
    return v.data();
  }
  std::vector<std::vector<double>> reals_;
  std::vector<std::vector<uint8_t>> bytes_;
  std::vector<uint32_t> indices_;
};

bool likeMatch(QStringView s, QStringView p) {
  qsizetype si = 0, pi = 0, star = -1, mark = 0;
  while (si < s.size()) {
    if (pi < p.size() && p[pi] != u'%' && (p[pi] == u'_' || s[si].toCaseFolded() == p[pi])) {
      ++si;
      ++pi;
    } else if (pi < p.size() && p[pi] == u'%') {
      star = pi++;
      mark = si;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == u'%') ++pi;
  return pi == p.size();
}

class BlockEval {
 public:
  /// Rows [start, start + n), or, with `rows`, the n rows listed there (gathered).
  BlockEval(Scratch& scratch, size_t start, size_t n, const uint32_t* rows = nullptr)
      : s_(scratch), start_(start), n_(n), rows_(rows) {}

  Operand num(const QueryNode& node, const uint8_t* act, size_t nAct);
  const uint8_t* pred(const QueryNode& node, const uint8_t* act, size_t nAct);

 private:
  const double* load(const Column& c, double scale, double* buf) const;
  const uint8_t* sky(const QueryNode& node, const uint8_t* act, size_t nAct);
  const uint8_t* strings(const QueryNode& node, const uint8_t* act);
  bool dense(size_t nAct) const { return nAct == n_; }
  size_t row(size_t i) const { return rows_ != nullptr ? rows_[i] : start_ + i; }
  /// The block's bytes of a per-row byte vector (gathered into buf when rows are listed).
  const uint8_t* bytesOf(const std::vector<uint8_t>& v, uint8_t* buf) const {
    if (rows_ == nullptr) return v.data() + start_;
    for (size_t i = 0; i < n_; ++i) buf[i] = v[rows_[i]];
    return buf;
  }

  Scratch& s_;
  size_t start_, n_;
  const uint32_t* rows_;
};

const double* BlockEval::load(const Column& c, double scale, double* buf) const {
  if (rows_ != nullptr) {
    const uint32_t* __restrict r = rows_;
    if (c.kind() == ColumnKind::Real) {
      const double* v = c.reals.data();
      for (size_t i = 0; i < n_; ++i) buf[i] = v[r[i]] * scale;
      return buf;
    }
    const int64_t* v = c.integers.data();
    for (size_t i = 0; i < n_; ++i) buf[i] = static_cast<double>(v[r[i]]) * scale;
    if (!c.nullMask.empty()) {
      for (size_t i = 0; i < n_; ++i) buf[i] = c.nullMask[r[i]] ? kNaN : buf[i];
    }
    return buf;
  }
  if (c.kind() == ColumnKind::Real) {
    const double* v = c.reals.data() + start_;
    if (scale == 1) return v;
    for (size_t i = 0; i < n_; ++i) buf[i] = v[i] * scale;
    return buf;
  }
  const int64_t* v = c.integers.data() + start_;
  for (size_t i = 0; i < n_; ++i) buf[i] = static_cast<double>(v[i]) * scale;
  if (!c.nullMask.empty()) {
    const uint8_t* m = c.nullMask.data() + start_;
    for (size_t i = 0; i < n_; ++i) buf[i] = m[i] ? kNaN : buf[i];
  }
  return buf;
}

Operand BlockEval::num(const QueryNode& node, const uint8_t* act, size_t nAct) {
  Operand r;
  double* out = s_.reals(node.id);
  r.p = out;
  switch (node.op) {
    case QueryOp::Constant:
      r.scalar = true;
      r.c = node.number;
      return r;
    case QueryOp::NumColumn:
      r.p = load(*node.column, 1.0, out);
      return r;
    case QueryOp::Neg: {
      const Operand a = num(*node.kids[0], act, nAct);
      binaryLoop(a, Operand{nullptr, 0, true}, out, n_, [](double x, double) { return -x; });
      return r;
    }
    case QueryOp::Add:
    case QueryOp::Sub:
    case QueryOp::Mul:
    case QueryOp::Div: {
      const Operand a = num(*node.kids[0], act, nAct), b = num(*node.kids[1], act, nAct);
      switch (node.op) {
        case QueryOp::Add: binaryLoop(a, b, out, n_, [](double x, double y) { return x + y; }); break;
        case QueryOp::Sub: binaryLoop(a, b, out, n_, [](double x, double y) { return x - y; }); break;
        case QueryOp::Mul: binaryLoop(a, b, out, n_, [](double x, double y) { return x * y; }); break;
        default: binaryLoop(a, b, out, n_, [](double x, double y) { return x / y; }); break;
      }
      return r;
    }
    case QueryOp::Pow: {
      const Operand a = num(*node.kids[0], act, nAct), b = num(*node.kids[1], act, nAct);
      if (b.scalar && b.c == 2) {
        binaryLoop(a, b, out, n_, [](double x, double) { return x * x; });
      } else if (b.scalar && b.c == 0.5) {
        binaryLoop(a, b, out, n_, [](double x, double) { return std::sqrt(x); });
      } else {
        uint32_t* idx = s_.indices();
        const size_t k = dense(nAct) ? n_ : compact(act, n_, idx);
        for (size_t j = 0; j < k; ++j) {
          const size_t i = dense(nAct) ? j : idx[j];
          out[i] = std::pow(a.scalar ? a.c : a.p[i], b.scalar ? b.c : b.p[i]);
        }
      }
      return r;
    }
    case QueryOp::Func: {
      const Operand a = num(*node.kids[0], act, nAct);
      const double* x = a.p;
      switch (node.func) {
        case FuncId::Abs:
          unaryLoop(x, out, n_, [](double v) { return std::abs(v); });
          break;
        case FuncId::Sqrt:
          unaryLoop(x, out, n_, [](double v) { return std::sqrt(v); });
          break;
        case FuncId::Log10:
          sparseApply(x, out, n_, act, nAct, s_.indices(), [](double v) { return std::log10(v); });
          break;
        case FuncId::Ln:
          sparseApply(x, out, n_, act, nAct, s_.indices(), [](double v) { return std::log(v); });
          break;
        case FuncId::Exp:
          sparseApply(x, out, n_, act, nAct, s_.indices(), [](double v) { return std::exp(v); });
          break;
      }
      return r;
    }
    default:
      break;
  }
  // Not numeric (the parser never asks for it): all NaN.
  std::fill(out, out + n_, kNaN);
  return r;
}

const uint8_t* BlockEval::strings(const QueryNode& node, const uint8_t* act) {
  uint8_t* out = s_.bytes(node.id);
  const Column& c = *node.column;
  const bool hasNulls = !c.nullMask.empty();
  const QString pattern = node.text.toCaseFolded();
  for (size_t i = 0; i < n_; ++i) {
    if (!act[i]) continue;
    const size_t at = row(i);
    const QString& value = c.strings[at];
    if (hasNulls && c.nullMask[at]) {
      out[i] = 0;
      continue;
    }
    bool hit = false;
    switch (node.op) {
      case QueryOp::StrCompare: hit = (value == node.text) == (node.cmp == CompareOp::Eq); break;
      case QueryOp::InStrings:
        hit = std::binary_search(node.strings.begin(), node.strings.end(), value) != node.negate;
        break;
      default: hit = likeMatch(value, pattern) != node.negate; break;
    }
    out[i] = hit;
  }
  return out;
}

const uint8_t* BlockEval::sky(const QueryNode& node, const uint8_t* act, size_t nAct) {
  uint8_t* __restrict out = s_.bytes(node.id);
  if (nAct == 0) return out;
  const double* __restrict ra = load(*node.raColumn, node.raScale, s_.reals(node.id, 0));
  const double* __restrict dec = load(*node.decColumn, node.decScale, s_.reals(node.id, 1));
  const SkySelection& sel = *node.sky;
  const std::vector<FastCap> caps = fastCaps(sel);
  // Candidates: inside a cap's declination band and RA window (branch-free, every row; NaN fails).
  // A wrapped RA difference of 360 or more (RA outside [0, 360)) passes and is settled exactly.
  std::memset(out, 0, n_);
  for (const FastCap& c : caps) {
    if (c.all) {
      for (size_t i = 0; i < n_; ++i) out[i] = 1;
      break;
    }
    const double ra0 = c.ra, dec0 = c.dec, r = c.radius, window = c.dAlpha;
    for (size_t i = 0; i < n_; ++i) {
      const double da = std::abs(ra[i] - ra0);
      const double wrapped = std::min(da, 360.0 - da);
      out[i] |= static_cast<uint8_t>((std::abs(dec[i] - dec0) <= r) & (wrapped <= window));
    }
  }
  if (!dense(nAct)) {
    for (size_t i = 0; i < n_; ++i) out[i] &= act[i];
  }
  uint32_t* idx = s_.indices();
  const size_t k = compact(out, n_, idx);
  for (size_t j = 0; j < k; ++j) {
    const size_t i = idx[j];
    out[i] = skySelectionContains(sel, caps, ra[i], dec[i]);
  }
  return out;
}

const uint8_t* BlockEval::pred(const QueryNode& node, const uint8_t* act, size_t nAct) {
  uint8_t* out = s_.bytes(node.id);
  switch (node.op) {
    case QueryOp::BoolConst:
      std::memset(out, node.number != 0 ? 1 : 0, n_);
      return out;
    case QueryOp::BoolColumn: {
      const uint8_t* v = bytesOf(node.column->booleans, s_.bytes(node.id, 1));
      const uint8_t want = node.number != 0 ? 1 : 0;
      for (size_t i = 0; i < n_; ++i) out[i] = v[i] == want;
      if (!node.column->nullMask.empty()) {
        const uint8_t* m = bytesOf(node.column->nullMask, s_.bytes(node.id, 1));
        for (size_t i = 0; i < n_; ++i) out[i] &= static_cast<uint8_t>(!m[i]);
      }
      return out;
    }
    case QueryOp::Compare: {
      const Operand a = num(*node.kids[0], act, nAct), b = num(*node.kids[1], act, nAct);
      if (a.scalar != b.scalar) {
        compareWithConstant(node.cmp, a, b, out, n_);
        return out;
      }
      switch (node.cmp) {
        case CompareOp::Eq: compareLoop(a, b, out, n_, [](double x, double y) { return x == y; }); break;
        case CompareOp::Ne: compareLoop(a, b, out, n_, [](double x, double y) { return (x < y) | (x > y); }); break;
        case CompareOp::Lt: compareLoop(a, b, out, n_, [](double x, double y) { return x < y; }); break;
        case CompareOp::Le: compareLoop(a, b, out, n_, [](double x, double y) { return x <= y; }); break;
        case CompareOp::Gt: compareLoop(a, b, out, n_, [](double x, double y) { return x > y; }); break;
        case CompareOp::Ge: compareLoop(a, b, out, n_, [](double x, double y) { return x >= y; }); break;
      }
      return out;
    }
    case QueryOp::InNumbers: {
      const Operand a = num(*node.kids[0], act, nAct);
      const double* x = a.p;
      const std::vector<double>& values = node.numbers;
      if (values.size() <= 16) {
        std::memset(out, 0, n_);
        for (double v : values) {
          for (size_t i = 0; i < n_; ++i) out[i] |= static_cast<uint8_t>(x[i] == v);
        }
      } else {
        for (size_t i = 0; i < n_; ++i) {
          out[i] = (dense(nAct) || act[i]) && std::binary_search(values.begin(), values.end(), x[i]);
        }
      }
      if (node.negate) {
        for (size_t i = 0; i < n_; ++i) out[i] = static_cast<uint8_t>(!out[i] & !std::isnan(x[i]));
      }
      return out;
    }
    case QueryOp::StrCompare:
    case QueryOp::InStrings:
    case QueryOp::Like:
      return strings(node, act);
    case QueryOp::IsNull: {
      const QueryNode& kid = *node.kids[0];
      const bool masked = kid.column != nullptr && (kid.op == QueryOp::BoolColumn || kid.op == QueryOp::StrColumn ||
                                                    (kid.op == QueryOp::NumColumn && kid.column->kind() == ColumnKind::Integer));
      if (masked) {
        const auto& m = kid.column->nullMask;
        if (m.empty()) {
          std::memset(out, 0, n_);
        } else {
          const uint8_t* b = bytesOf(m, out);
          if (b != out) std::memcpy(out, b, n_);
        }
      } else if (kid.type == QueryType::Number) {
        const double* x = num(kid, act, nAct).p;
        for (size_t i = 0; i < n_; ++i) out[i] = std::isnan(x[i]);
      } else {
        std::memset(out, 0, n_);  // a condition is never null
      }
      if (node.negate) {
        for (size_t i = 0; i < n_; ++i) out[i] ^= 1;
      }
      return out;
    }
    case QueryOp::Not: {
      andNot(out, act, pred(*node.kids[0], act, nAct), n_);
      return out;
    }
    case QueryOp::And: {
      // Each operand runs on the rows the previous ones kept.
      std::memcpy(out, act, n_);
      size_t nCur = nAct;
      for (const auto& kid : node.kids) {
        if (nCur == 0) break;
        andInto(out, pred(*kid, out, nCur), n_);
        nCur = countSet(out, n_);
      }
      return out;
    }
    case QueryOp::Or: {
      // Each operand runs on the rows no previous one has accepted.
      uint8_t* remaining = s_.bytes(node.id, 1);
      std::memcpy(remaining, act, n_);
      std::memset(out, 0, n_);
      size_t nRemaining = nAct;
      for (const auto& kid : node.kids) {
        if (nRemaining == 0) break;
        orStep(out, remaining, pred(*kid, remaining, nRemaining), n_);
        nRemaining = countSet(remaining, n_);
      }
      return out;
    }
    case QueryOp::Sky:
      return sky(node, act, nAct);
    default:
      std::memset(out, 0, n_);
      return out;
  }
}

}  // namespace

void evaluateQueryRange(const QueryNode& root, int nodeCount, size_t start, size_t count, uint8_t* out) {
  Scratch scratch(nodeCount);
  std::vector<uint8_t> ones(kBlock, 1);
  for (size_t done = 0; done < count; done += kBlock) {
    const size_t n = std::min(kBlock, count - done);
    BlockEval block(scratch, start + done, n);
    const uint8_t* r = block.pred(root, ones.data(), n);
    std::memcpy(out + done, r, n);
  }
}

void evaluateQueryRangeWithin(const QueryNode& node, int nodeCount, size_t start, size_t count, const uint8_t* act,
                              uint8_t* out) {
  Scratch scratch(nodeCount);
  for (size_t done = 0; done < count; done += kBlock) {
    const size_t n = std::min(kBlock, count - done);
    const size_t nAct = countSet(act + done, n);
    if (nAct == 0) {
      std::memset(out + done, 0, n);
      continue;
    }
    BlockEval block(scratch, start + done, n);
    const uint8_t* r = block.pred(node, act + done, nAct);
    for (size_t i = 0; i < n; ++i) out[done + i] = r[i] & act[done + i];
  }
}

void evaluateQueryRows(const QueryNode& node, int nodeCount, const uint32_t* rows, size_t count, uint8_t* out) {
  Scratch scratch(nodeCount);
  std::vector<uint8_t> ones(kBlock, 1);
  for (size_t done = 0; done < count; done += kBlock) {
    const size_t n = std::min(kBlock, count - done);
    BlockEval block(scratch, 0, n, rows + done);
    const uint8_t* r = block.pred(node, ones.data(), n);
    std::memcpy(out + done, r, n);
  }
}

QString explainNode(const QueryNode& node) {
  auto kid = [&](size_t i) { return explainNode(*node.kids[i]); };
  auto quoted = [](const QString& s) { return QStringLiteral("'%1'").arg(s); };
  static const char* const cmp[] = {"=", "!=", "<", "<=", ">", ">="};
  switch (node.op) {
    case QueryOp::Constant: return QString::number(node.number, 'g', 10);
    case QueryOp::NumColumn:
    case QueryOp::StrColumn: return node.column->meta.name;
    case QueryOp::Neg: return QStringLiteral("(-%1)").arg(kid(0));
    case QueryOp::Add: return QStringLiteral("(%1 + %2)").arg(kid(0), kid(1));
    case QueryOp::Sub: return QStringLiteral("(%1 - %2)").arg(kid(0), kid(1));
    case QueryOp::Mul: return QStringLiteral("(%1 * %2)").arg(kid(0), kid(1));
    case QueryOp::Div: return QStringLiteral("(%1 / %2)").arg(kid(0), kid(1));
    case QueryOp::Pow: return QStringLiteral("pow(%1, %2)").arg(kid(0), kid(1));
    case QueryOp::Func: return QStringLiteral("%1(%2)").arg(node.text, kid(0));
    case QueryOp::BoolConst: return node.number != 0 ? QStringLiteral("true") : QStringLiteral("false");
    case QueryOp::BoolColumn:
      return QStringLiteral("(%1 = %2)").arg(node.column->meta.name, node.number != 0 ? QStringLiteral("true") : QStringLiteral("false"));
    case QueryOp::Compare:
      return QStringLiteral("(%1 %2 %3)").arg(kid(0), QLatin1StringView(cmp[int(node.cmp)]), kid(1));
    case QueryOp::StrCompare:
      return QStringLiteral("(%1 %2 %3)").arg(node.column->meta.name, QLatin1StringView(cmp[int(node.cmp)]), quoted(node.text));
    case QueryOp::InNumbers:
    case QueryOp::InStrings: {
      QStringList items;
      for (double v : node.numbers) items << QString::number(v, 'g', 15);
      for (const QString& s : node.strings) items << quoted(s);
      return QStringLiteral("(%1 %2IN {%3})")
          .arg(node.op == QueryOp::InStrings ? node.column->meta.name : kid(0),
               node.negate ? QStringLiteral("NOT ") : QString(), items.join(QStringLiteral(", ")));
    }
    case QueryOp::Like:
      return QStringLiteral("(%1 %2LIKE %3)").arg(node.column->meta.name, node.negate ? QStringLiteral("NOT ") : QString(), quoted(node.text));
    case QueryOp::IsNull:
      return QStringLiteral("(%1 IS %2NULL)").arg(kid(0), node.negate ? QStringLiteral("NOT ") : QString());
    case QueryOp::Not: return QStringLiteral("(NOT %1)").arg(kid(0));
    case QueryOp::And:
    case QueryOp::Or: {
      QStringList parts;
      for (size_t i = 0; i < node.kids.size(); ++i) parts << kid(i);
      return QLatin1Char('(') + parts.join(node.op == QueryOp::And ? QStringLiteral(" AND ") : QStringLiteral(" OR ")) + QLatin1Char(')');
    }
    case QueryOp::Sky: return node.text;
    case QueryOp::StrConst: return quoted(node.text);
  }
  return {};
}

}  // namespace xsky::catalog
