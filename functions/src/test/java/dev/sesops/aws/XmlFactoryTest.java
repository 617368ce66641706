package dev.sesops.aws;

import static org.assertj.core.api.Assertions.assertThat;

import javax.xml.stream.XMLInputFactory;
import org.junit.jupiter.api.Test;

/** The StAX factory AccountClients names is the JDK's own, the one XMLInputFactory falls back to. */
class XmlFactoryTest {
  @Test
  void namedFactory_isTheJdkDefault() {
    assertThat(XMLInputFactory.newDefaultFactory().getClass().getName()).isEqualTo(AccountClients.JDK_XML_INPUT_FACTORY);
  }

  @Test
  void loadingAccountClients_namesTheFactory_andTheSdkGetsIt() {
    new AccountClients("us-east-1").close();

    assertThat(System.getProperty("javax.xml.stream.XMLInputFactory")).isEqualTo(AccountClients.JDK_XML_INPUT_FACTORY);
    assertThat(XMLInputFactory.newInstance().getClass().getName()).isEqualTo(AccountClients.JDK_XML_INPUT_FACTORY);
  }
}
