/**
 * A minimal model of Lark card JSON 2.0: enough to type our presenters. Lark rejects unknown properties
 * in 2.0 cards, so presenters build cards only through these types and the helpers in `elements.ts`.
 */
export interface PlainText {
  tag: 'plain_text';
  content: string;
}

export type HeaderTemplate =
  'blue' | 'wathet' | 'turquoise' | 'green' | 'yellow' | 'orange' | 'red' | 'carmine' | 'violet' | 'purple' | 'indigo' | 'grey' | 'default';

export interface CardHeader {
  title: PlainText;
  subtitle?: PlainText;
  template?: HeaderTemplate;
  text_tag_list?: { tag: 'text_tag'; text: PlainText; color: string }[];
}

export interface CallbackBehavior {
  type: 'callback';
  value: Record<string, string | number | boolean>;
}
export interface OpenUrlBehavior {
  type: 'open_url';
  default_url: string;
}

export type CardElement =
  | { tag: 'markdown'; content: string; text_align?: 'left' | 'center' | 'right'; text_size?: string; element_id?: string }
  | { tag: 'hr'; element_id?: string }
  | { tag: 'div'; text: PlainText | { tag: 'lark_md'; content: string }; element_id?: string }
  | {
      tag: 'button';
      text: PlainText;
      type?: 'default' | 'primary' | 'danger' | 'text' | 'primary_text' | 'danger_text' | 'primary_filled' | 'danger_filled' | 'laser';
      name?: string;
      form_action_type?: 'submit' | 'reset';
      disabled?: boolean;
      confirm?: { title: PlainText; text: PlainText };
      behaviors?: (CallbackBehavior | OpenUrlBehavior)[];
      element_id?: string;
    }
  | {
      tag: 'column_set';
      horizontal_spacing?: string;
      flex_mode?: 'none' | 'stretch' | 'flow' | 'bisect' | 'trisect';
      columns: { tag: 'column'; width?: 'auto' | 'weighted'; weight?: number; vertical_align?: 'top' | 'center' | 'bottom'; elements: CardElement[] }[];
    }
  | { tag: 'form'; name: string; elements: CardElement[] }
  | {
      tag: 'input';
      name: string;
      required?: boolean;
      placeholder?: PlainText;
      default_value?: string;
      max_length?: number;
      input_type?: 'text' | 'multiline_text';
      label?: PlainText;
    }
  | {
      tag: 'select_static';
      name: string;
      required?: boolean;
      placeholder?: PlainText;
      initial_option?: string;
      options: { text: PlainText; value: string }[];
    }
  | { tag: 'date_picker'; name: string; required?: boolean; placeholder?: PlainText; initial_date?: string };

export interface Card {
  schema: '2.0';
  config: { update_multi: true; width_mode?: 'default' | 'fill' | 'compact'; summary?: { content: string } };
  header?: CardHeader;
  body: { elements: CardElement[] };
}
