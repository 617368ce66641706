package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DmarcAndSpfTest {

  @Test
  void dmarc_parsesACleanRecord_withDefaults() {
    Dmarc d = Dmarc.parse("v=DMARC1; p=reject; rua=mailto:d@example.com;");
    assertThat(d.problems()).isEmpty();
    assertThat(d.policy()).isEqualTo("reject");
    assertThat(d.adkim()).isEqualTo("r");
    assertThat(d.aspf()).isEqualTo("r");
  }

  @Test
  void dmarc_readsStrictAlignmentAndPolicyCaseInsensitively() {
    Dmarc d = Dmarc.parse("v=DMARC1;p=None;aspf=S;adkim=s");
    assertThat(d.policy()).isEqualTo("none");
    assertThat(d.aspf()).isEqualTo("s");
    assertThat(d.adkim()).isEqualTo("s");
    assertThat(d.problems()).isEmpty();
  }

  @Test
  void dmarc_listsSyntaxErrors_insteadOfThrowing() {
    Dmarc d = Dmarc.parse("p=quarantine; v=DMARC1; pct=150; aspf=x; junk; rua=https://x");
    assertThat(d.problems())
        .contains(
            "the first tag must be v=DMARC1",
            "pct must be 0-100",
            "aspf must be r or s",
            "tag 5 is not name=value",
            "rua entries must be mailto: URIs");
    assertThat(d.policy()).isEqualTo("quarantine");
  }

  @Test
  void dmarc_flagsMissingOrInvalidPolicy_andDuplicateTags() {
    assertThat(Dmarc.parse("v=DMARC1; rua=mailto:a@b.example").problems())
        .contains("p (policy) missing");
    Dmarc bad = Dmarc.parse("v=DMARC1; p=block; p=none");
    assertThat(bad.policy()).isNull();
    assertThat(bad.problems())
        .contains("p must be none, quarantine or reject", "tag p appears twice");
    assertThat(Dmarc.parse("v=DMARC2; p=none").problems()).contains("v must be DMARC1");
  }

  @Test
  void dmarc_recognisesDmarcTxtAmongOthers() {
    assertThat(Dmarc.looksLikeDmarc("v=DMARC1; p=none")).isTrue();
    assertThat(Dmarc.looksLikeDmarc(" v = dmarc1 ;p=none")).isTrue();
    assertThat(Dmarc.looksLikeDmarc("google-site-verification=abc")).isFalse();
  }

  @Test
  void spf_recognisesRecords_andIncludeOfAmazonSes() {
    assertThat(Spf.isSpf("v=spf1 include:amazonses.com ~all")).isTrue();
    assertThat(Spf.isSpf("v=spf10 a")).isFalse();
    assertThat(Spf.isSpf("V=SPF1")).isTrue();
    assertThat(Spf.includesAmazonSes("v=spf1 include:_spf.google.com include:amazonses.com ~all"))
        .isTrue();
    assertThat(Spf.includesAmazonSes("v=spf1 +include:AmazonSES.com -all")).isTrue();
    assertThat(Spf.includesAmazonSes("v=spf1 include:mailgun.org ~all")).isFalse();
    assertThat(Spf.includesAmazonSes("v=spf1 -include:amazonses.com ~all")).isFalse();
    assertThat(Spf.includesAmazonSes("v=spf1 include:amazonses.com.evil.example ~all")).isFalse();
  }
}
