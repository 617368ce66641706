package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The organisational domain on the Public Suffix List's own test vectors (publicsuffix.org
 * test_psl.txt), from the shipped list.
 */
class PublicSuffixListTest {
  private final PublicSuffixList psl = PublicSuffixList.get();

  @ParameterizedTest
  @CsvSource({
    "com,com",
    "example.com,example.com",
    "www.example.com,example.com",
    "a.b.example.com,example.com",
    "uk.com,uk.com",
    "example.uk.com,example.uk.com",
    "b.example.uk.com,example.uk.com",
    "a.b.example.uk.com,example.uk.com",
    "test.ac,test.ac",
    "mil,mil",
    "test.mil,test.mil",
    // wildcard and exception rules: *.ck, !www.ck; *.kawasaki.jp, !city.kawasaki.jp
    "test.ck,test.ck",
    "b.test.ck,b.test.ck",
    "a.b.test.ck,b.test.ck",
    "www.ck,www.ck",
    "www.www.ck,www.ck",
    "test.kawasaki.jp,test.kawasaki.jp",
    "b.test.kawasaki.jp,b.test.kawasaki.jp",
    "city.kawasaki.jp,city.kawasaki.jp",
    "www.city.kawasaki.jp,city.kawasaki.jp",
    "example.co.uk,example.co.uk",
    "mail.news.example.co.uk,example.co.uk",
    "shop.example.com.au,example.com.au",
    // an unlisted TLD: the default rule "*"
    "example.example,example.example",
    "b.example.example,example.example",
    "news.good.test,good.test",
    // IDN in ASCII form: xn--85x722f.xn--55qx5d.cn is 食狮.公司.cn
    "xn--85x722f.xn--55qx5d.cn,xn--85x722f.xn--55qx5d.cn",
    "www.xn--85x722f.xn--55qx5d.cn,xn--85x722f.xn--55qx5d.cn"
  })
  void organizationalDomain_followsTheListsTestVectors(String domain, String org) {
    assertThat(psl.organizationalDomain(domain)).isEqualTo(org);
  }

  @org.junit.jupiter.api.Test
  void theBuildShipsTheListWithoutComments() throws Exception {
    try (var in = PublicSuffixList.class.getResourceAsStream(PublicSuffixList.RESOURCE)) {
      assertThat(in).as("written by src/build/PslStrip.java").isNotNull();
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(text.lines().skip(1))
          .noneMatch(l -> l.startsWith("//"))
          .contains("co.uk", "*.ck", "!www.ck")
          .hasSizeGreaterThan(5000);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "www.example.co.uk,co.uk",
    "a.b.test.ck,test.ck",
    "www.ck,ck",
    "example.com,com",
    "x.s3.amazonaws.com,s3.amazonaws.com"
  })
  void publicSuffix_isTheLongestMatchingRule(String domain, String suffix) {
    assertThat(psl.publicSuffix(domain)).isEqualTo(suffix);
  }
}
