// The words of the finalize webhook's routes (PUT/GET/DELETE /api/webhook), in English and Chinese.

import { defineMessages } from '../../dsl/i18n/index.js';

export const W = defineMessages('webhook', {
  en: {
    notSet: 'no webhook is set for this organization',
    invalid: 'the webhook is not valid; nothing was stored',
    urlForm: 'an absolute `http://` or `https://` URL',
    urlTooLong: 'at most {max} characters',
    urlControl: 'the URL contains a control character (a line break, tab or the like)',
    urlUserinfo: 'the URL may not contain a user name or password; authenticate the receiver with the signature (`X-Kaohe-Signature`)',
    urlAddress: 'the host {host} is a link-local or unspecified address (169.254.0.0/16, 0.0.0.0/8), where no OA system lives; internal addresses such as 10.x or 127.0.0.1 are allowed',
    secretShort: 'the secret has {length} characters; at least {min} are needed',
    secretLong: 'the secret has {length} characters; at most {max} are allowed',
  },
  zh: {
    notSet: '本单位尚未设置回调地址',
    invalid: '回调设置有错误，未保存任何内容',
    urlForm: '以“http://”或“https://”开头的完整地址',
    urlTooLong: '最多{max}个字符',
    urlControl: '地址含有控制字符（换行、制表符等）',
    urlUserinfo: '地址中不能含用户名或密码，接收方请以签名（“X-Kaohe-Signature”）验证',
    urlAddress: '主机 {host} 是链路本地地址或未指定地址（169.254.0.0/16、0.0.0.0/8），不是办公系统所在的地址；10.x、127.0.0.1 等内网地址可以使用',
    secretShort: '密钥有{length}个字符，至少需要{min}个',
    secretLong: '密钥有{length}个字符，最多{max}个',
  },
});
